using System.Text.Json.Serialization;

namespace Toolshed.Server.Ui;

/// <summary>POST /ui/session: the code from a login link's fragment, spent for a session cookie.</summary>
public sealed record UiSessionRequest([property: JsonPropertyName("code")] string? Code);
