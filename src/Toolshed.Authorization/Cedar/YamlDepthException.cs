namespace Toolshed.Authorization.Cedar;

/// <summary>A YAML document nests deeper than allowed; <see cref="Line"/> is where the limit was passed.</summary>
internal sealed class YamlDepthException(long line) : Exception($"line {line}: nested too deep")
{
    public long Line { get; } = line;
}
