namespace Toolshed.Server.Ui;

/// <summary>Set on a request that carries a live dashboard session cookie: the API lets it through like a token.</summary>
internal sealed record UiSessionFeature(UiSession Session);
