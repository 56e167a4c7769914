using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Toolshed.Server.Workloads.Api;

namespace Toolshed.Server.Api;

/// <summary>Source-generated JSON for the REST API's own types; wire names come from the attributes on each type.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(VersionResponse))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(CreateServerRequest))]
[JsonSerializable(typeof(CreateServerResponse))]
[JsonSerializable(typeof(ContainerInfo))]
[JsonSerializable(typeof(ServerDetails))]
[JsonSerializable(typeof(ServerListResponse))]
[JsonSerializable(typeof(SignInInfo))]
[JsonSerializable(typeof(ToolsConfig))]
[JsonSerializable(typeof(SignInStarted))]
[JsonSerializable(typeof(Groups.Api.CreateGroupRequest))]
[JsonSerializable(typeof(Groups.Api.UpdateGroupRequest))]
[JsonSerializable(typeof(Groups.Api.AddGroupMemberRequest))]
[JsonSerializable(typeof(Groups.Api.GroupSummary))]
[JsonSerializable(typeof(Groups.Api.GroupDetails))]
[JsonSerializable(typeof(Groups.Api.GroupListResponse))]
[JsonSerializable(typeof(Ui.UiLoginLink))]
[JsonSerializable(typeof(Ui.UiSessionRequest))]
[JsonSerializable(typeof(Ui.WorkloadRowsEvent))]
[JsonSerializable(typeof(Telemetry.Api.EndpointStatsReport))]
[JsonSerializable(typeof(Telemetry.Api.StatsReport))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
