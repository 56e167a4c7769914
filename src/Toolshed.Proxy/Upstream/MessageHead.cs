using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Toolshed.Proxy.Upstream;

/// <summary>
/// What the channel needs to know of a JSON-RPC message — its method, its id as raw JSON, whether it is a response —
/// read without building a document, so large messages cost a scan and no allocation.
/// </summary>
internal readonly record struct MessageHead(string? Method, string? IdJson, bool IsResponse)
{
    public bool IsRequest => Method is not null && IdJson is not null;

    /// <summary>Reads the top-level members of a message; a batch or bad JSON gives an empty head.</summary>
    public static MessageHead Read(ReadOnlySequence<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return default;
            }

            string? method = null;
            string? id = null;
            var isResponse = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("method"u8))
                {
                    reader.Read();
                    method = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    id = reader.TokenType switch
                    {
                        JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan),
                        JsonTokenType.String => JsonSerializer.Serialize(reader.GetString(), UpstreamJsonContext.Default.String),
                        _ => null,
                    };
                }
                else
                {
                    isResponse |= reader.ValueTextEquals("result"u8) || reader.ValueTextEquals("error"u8);
                    reader.Read();
                    reader.Skip();
                }
            }

            return new MessageHead(method, id, isResponse && method is null);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    public static MessageHead Read(ReadOnlyMemory<byte> json) => Read(new ReadOnlySequence<byte>(json));
}
