namespace Toolshed.Authorization.Tests.Support;

/// <summary>What cedar-wasm answered for one case; <see cref="Failure"/> when it refused the input (e.g. a parse error).</summary>
internal sealed record CedarOracleAnswer(string? Decision, string[] Reasons, string[] Errors, string? Failure);
