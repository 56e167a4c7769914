namespace Toolshed.Runtime.Docker.Engine;

/// <summary>One image build from a tar context holding a Dockerfile: the tag it gets, its labels, and whether to skip the engine's cache.</summary>
public sealed record ImageBuild(string Tag, IReadOnlyDictionary<string, string> Labels, bool NoCache);
