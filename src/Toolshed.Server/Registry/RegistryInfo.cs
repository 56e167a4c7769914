using Toolshed.Core.Registry;

namespace Toolshed.Server.Registry;

/// <summary>One registry known to the daemon: the built-in one or one the user added. When its source could not be
/// read (the file went away, the URL stopped answering) <see cref="LoadError"/> says why and the document is empty.</summary>
public sealed record RegistryInfo
{
    public required string Name { get; init; }

    /// <summary>Where it comes from; null for the built-in registry.</summary>
    public RegistrySource? Source { get; init; }

    public required RegistryDocument Document { get; init; }

    public string? LoadError { get; init; }

    /// <summary>What loading skipped (malformed entries of an MCP Registry source), one line each.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public bool IsBuiltIn => Source is null;

    public bool IsAvailable => LoadError is null;

    public int ServerCount => Document.Servers.Count;
}
