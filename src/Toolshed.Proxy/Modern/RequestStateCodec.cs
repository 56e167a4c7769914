using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Toolshed.Proxy.Modern;

/// <summary>
/// The <c>requestState</c> of an <c>input_required</c> answer: which held call it resumes, for whom, until when, and a
/// digest of the request it belongs to, signed (HMAC-SHA256) with a key that never leaves the proxy process. The
/// client echoes it on its retry; anything altered, expired, replayed by another caller or on another request fails.
/// </summary>
internal sealed class RequestStateCodec(byte[] key, TimeProvider timeProvider)
{
    private const int MaxStateChars = 1024;

    public RequestStateCodec(TimeProvider timeProvider)
        : this(RandomNumberGenerator.GetBytes(32), timeProvider)
    {
    }

    public string Sign(string handle, string? subject, DateTimeOffset expires, string method, string digest)
    {
        var payload = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["h"] = handle,
            ["s"] = subject ?? "",
            ["e"] = expires.ToUnixTimeMilliseconds(),
            ["m"] = method,
            ["d"] = digest,
        }.ToJsonString());
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(HMACSHA256.HashData(key, payload));
    }

    /// <summary>The handle <paramref name="state"/> names, or why it cannot be used for this request.</summary>
    public RequestStateCheck Verify(string state, string? subject, string method, string digest, out string? handle)
    {
        handle = null;
        var dot = state.IndexOf('.', StringComparison.Ordinal);
        if (state.Length > MaxStateChars || dot <= 0)
        {
            return RequestStateCheck.Invalid;
        }

        byte[] payload, mac;
        try
        {
            payload = Base64Url.DecodeFromChars(state.AsSpan(0, dot));
            mac = Base64Url.DecodeFromChars(state.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return RequestStateCheck.Invalid;
        }

        if (!CryptographicOperations.FixedTimeEquals(mac, HMACSHA256.HashData(key, payload)))
        {
            return RequestStateCheck.Invalid;
        }

        if (JsonNode.Parse(payload) is not JsonObject fields
            || fields["h"]?.GetValue<string>() is not { } named
            || fields["s"]?.GetValue<string>() != (subject ?? "")
            || fields["m"]?.GetValue<string>() != method
            || fields["d"]?.GetValue<string>() != digest)
        {
            return RequestStateCheck.Mismatch;
        }

        if (fields["e"]?.GetValue<long>() is not { } expires || timeProvider.GetUtcNow().ToUnixTimeMilliseconds() >= expires)
        {
            return RequestStateCheck.Expired;
        }

        handle = named;
        return RequestStateCheck.Valid;
    }

    /// <summary>What ties a retry to its first request: the method, the name or URI, and the arguments, hashed.</summary>
    public static string Digest(string method, JsonObject parameters)
    {
        var text = new StringBuilder(method).Append('\n');
        text.Append(parameters["name"]?.ToJsonString() ?? parameters["uri"]?.ToJsonString() ?? "").Append('\n');
        text.Append(parameters["arguments"]?.ToJsonString() ?? "");
        return Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 16));
    }
}
