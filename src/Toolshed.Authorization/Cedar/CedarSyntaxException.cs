namespace Toolshed.Authorization.Cedar;

/// <summary>A policy's text is not valid Cedar (as far as this engine understands it); says where.</summary>
internal sealed class CedarSyntaxException(string message, SourcePosition position)
    : Exception($"{position}: {message}")
{
    public SourcePosition Position { get; } = position;

    public string Reason { get; } = message;
}
