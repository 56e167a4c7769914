namespace Toolshed.Clients;

/// <summary>A client config file that does not parse (or that Toolshed cannot edit safely); says where.</summary>
public sealed class ConfigParseException : Exception
{
    public ConfigParseException(string message, int line, int column)
        : base(message)
    {
        Line = line;
        Column = column;
    }

    public ConfigParseException()
    {
    }

    public ConfigParseException(string message)
        : base(message)
    {
    }

    public ConfigParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>1-based line; 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>1-based column; 0 when unknown.</summary>
    public int Column { get; }

    public string Describe(string path) => Line > 0 ? $"{path}:{Line}:{Column}: {Message}" : $"{path}: {Message}";
}
