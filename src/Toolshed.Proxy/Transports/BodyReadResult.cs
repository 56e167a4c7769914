namespace Toolshed.Proxy.Transports;

/// <summary>The outcome of reading a JSON request body.</summary>
internal enum BodyReadResult
{
    Ok,
    TooLarge,
    NotJson,
}
