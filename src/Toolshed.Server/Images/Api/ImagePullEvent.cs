using System.Text.Json.Serialization;

namespace Toolshed.Server.Images.Api;

/// <summary>
/// One line of the pull stream (application/x-ndjson). Progress lines carry the engine's <see cref="Status"/>, the
/// <see cref="Layer"/> it is about (absent for messages about the whole image) and bytes when counted; the last line
/// is <c>{"status":"done","image":…,"pulled":…}</c> or <c>{"status":"error","image":…,"error":…}</c>.
/// </summary>
public sealed record ImagePullEvent
{
    public const string DoneStatus = "done";
    public const string ErrorStatus = "error";

    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("layer")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Layer { get; init; }

    [JsonPropertyName("current")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Current { get; init; }

    [JsonPropertyName("total")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Total { get; init; }

    /// <summary>The image reference pulled (on the last line): a registry server's name resolved to its image.</summary>
    [JsonPropertyName("image")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Image { get; init; }

    /// <summary>On the done line: false when the image was present locally and nothing was pulled.</summary>
    [JsonPropertyName("pulled")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Pulled { get; init; }

    /// <summary>On the error line: why the pull failed after it had started streaming.</summary>
    [JsonPropertyName("error")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; init; }

    [JsonIgnore]
    public bool IsFinal => Status is DoneStatus or ErrorStatus;
}
