using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Toolshed.Server.Images.Api;

namespace Toolshed.Server.Images;

/// <summary>Registers the images API: its options (tests register their own first), its streamer and its JSON.</summary>
public static class ImagesServiceCollectionExtensions
{
    public static IServiceCollection AddToolshedImages(this IServiceCollection services)
    {
        services.TryAddSingleton(new ImagePullOptions());
        services.AddSingleton<ImagePullStreamer>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ImagesApiJsonContext.Default));
        return services;
    }
}
