using System.Text.Json.Serialization;
using Toolshed.Cli.Api;
using Toolshed.Cli.Commands;
using Toolshed.Cli.Mcp;
using Toolshed.Cli.Registry;
using Toolshed.Server.Api;
using Toolshed.Server.Groups.Api;
using Toolshed.Server.Workloads.Api;

namespace Toolshed.Cli.Output;

/// <summary>Source-generated JSON for what the CLI prints and reads; nulls are left out of what it writes.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(VersionResponse))]
[JsonSerializable(typeof(Toolshed.Server.Telemetry.Api.StatsReport))]
[JsonSerializable(typeof(Toolshed.Server.Telemetry.Api.EndpointStatsReport))]
[JsonSerializable(typeof(ProblemBody))]
[JsonSerializable(typeof(ServerListResponse))]
[JsonSerializable(typeof(ContainerInfo))]
[JsonSerializable(typeof(ServerDetails))]
[JsonSerializable(typeof(CreateServerRequest))]
[JsonSerializable(typeof(CreateServerResponse))]
[JsonSerializable(typeof(RegistryListResponse))]
[JsonSerializable(typeof(RegistryDetails))]
[JsonSerializable(typeof(RegistryServersResponse))]
[JsonSerializable(typeof(RegistryServerResponse))]
[JsonSerializable(typeof(AddRegistryRequest))]
[JsonSerializable(typeof(IReadOnlyList<SearchHit>))]
[JsonSerializable(typeof(SearchResponse))]
[JsonSerializable(typeof(IReadOnlyList<RegistrySummary>))]
[JsonSerializable(typeof(IReadOnlyList<ContainerInfo>))]
[JsonSerializable(typeof(RunResult))]
[JsonSerializable(typeof(SignInInfo))]
[JsonSerializable(typeof(ToolsConfig))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, ToolOverrideOptions>))]
[JsonSerializable(typeof(SignInStarted))]
[JsonSerializable(typeof(McpClientConfig))]
[JsonSerializable(typeof(McpInitializeRequest))]
[JsonSerializable(typeof(Daemon.DaemonStatus))]
[JsonSerializable(typeof(GroupListResponse))]
[JsonSerializable(typeof(IReadOnlyList<GroupSummary>))]
[JsonSerializable(typeof(GroupSummary))]
[JsonSerializable(typeof(GroupDetails))]
[JsonSerializable(typeof(CreateGroupRequest))]
[JsonSerializable(typeof(UpdateGroupRequest))]
[JsonSerializable(typeof(AddGroupMemberRequest))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Toolshed.Server.Ui.UiLoginLink))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
