namespace Toolshed.Cli.Tests.Fakes;

/// <summary>One request the fake daemon received.</summary>
internal sealed record RecordedRequest(string Method, string PathAndQuery, string Body, IReadOnlyDictionary<string, string> Headers);
