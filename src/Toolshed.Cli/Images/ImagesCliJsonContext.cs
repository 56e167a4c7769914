using System.Text.Json.Serialization;
using Toolshed.Server.Images.Api;

namespace Toolshed.Cli.Images;

/// <summary>Source-generated JSON for the pull endpoint as the CLI sends and reads it.</summary>
[JsonSerializable(typeof(PullImageRequest))]
[JsonSerializable(typeof(ImagePullEvent))]
internal sealed partial class ImagesCliJsonContext : JsonSerializerContext;
