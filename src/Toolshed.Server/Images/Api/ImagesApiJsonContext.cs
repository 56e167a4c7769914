using System.Text.Json.Serialization;

namespace Toolshed.Server.Images.Api;

/// <summary>Source-generated JSON for the images API: the pull request body and the lines of its stream.</summary>
[JsonSerializable(typeof(PullImageRequest))]
[JsonSerializable(typeof(ImagePullEvent))]
internal sealed partial class ImagesApiJsonContext : JsonSerializerContext;
