namespace Toolshed.Testing.Telemetry;

/// <summary>
/// One request an <see cref="OtlpReceiver"/> answered: its path, headers (names lowercase), encoding, body size on the
/// wire, the status it got and, when it was refused, why.
/// </summary>
public sealed record ReceivedOtlpRequest(
    string Path,
    string? ContentType,
    string? ContentEncoding,
    long? BodyBytes,
    IReadOnlyDictionary<string, string> Headers,
    int StatusCode,
    string? Error)
{
    public override string ToString() =>
        $"POST {Path} ({ContentType ?? "no content type"}{(ContentEncoding is null ? "" : ", " + ContentEncoding)}) -> {StatusCode}{(Error is null ? "" : ": " + Error)}";
}
