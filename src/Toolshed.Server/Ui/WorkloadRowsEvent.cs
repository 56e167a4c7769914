using System.Text.Json.Serialization;

namespace Toolshed.Server.Ui;

/// <summary>The data of the event stream's <c>servers</c> event: every workload, with restarts.</summary>
public sealed record WorkloadRowsEvent([property: JsonPropertyName("servers")] IReadOnlyList<WorkloadRow> Servers);
