namespace Toolshed.Proxy.Transports;

/// <summary>The outcome of reading a JSON request body.</summary>
internal enum BodyReadResult
{
    Ok,
    TooLarge,
    NotJson,

    /// <summary>The Content-Type is not JSON, or names a charset other than UTF-8.</summary>
    UnsupportedMediaType,
}
