namespace Toolshed.Authorization.Cedar;

/// <summary>A 1-based line and column in a policy's text.</summary>
internal readonly record struct SourcePosition(int Line, int Column)
{
    public override string ToString() => $"line {Line}, column {Column}";
}
