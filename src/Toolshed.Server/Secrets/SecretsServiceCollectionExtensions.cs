using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Toolshed.Core.Configuration;
using Toolshed.Core.Secrets;
using Toolshed.Server.Secrets.Api;
using Toolshed.Server.Workloads;

namespace Toolshed.Server.Secrets;

/// <summary>Registers the encrypted secrets store, the resolver workloads use, and the secrets API's JSON.</summary>
public static class SecretsServiceCollectionExtensions
{
    public static IServiceCollection AddToolshedSecrets(this IServiceCollection services)
    {
        // The password is read once from the daemon's environment; tests register their own options instead.
        services.TryAddSingleton(provider => SecretStoreOptions.For(
            provider.GetRequiredService<ToolshedPaths>(),
            Environment.GetEnvironmentVariable(SecretStoreOptions.PasswordVariable)));
        services.TryAddSingleton(provider => new EncryptedSecretStore(
            provider.GetRequiredService<SecretStoreOptions>(), provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ISecretResolver, StoreSecretResolver>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, SecretsApiJsonContext.Default));
        return services;
    }
}
