namespace Toolshed.Core.Registry;

/// <summary>The catalog that ships inside Toolshed (embedded <c>BuiltIn/registry.json</c>), known as <c>default</c>.</summary>
public static class BuiltInRegistry
{
    /// <summary>The name of the built-in registry; it cannot be removed.</summary>
    public const string Name = "default";

    private const string ResourceName = "Toolshed.Core.Registry.BuiltIn.registry.json";

    private static readonly Lazy<RegistryDocument> s_document = new(Read);

    /// <summary>The built-in catalog, parsed and validated like any other registry (once; the records are immutable).</summary>
    public static RegistryDocument Load() => s_document.Value;

    private static RegistryDocument Read()
    {
        using var stream = typeof(BuiltInRegistry).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from Toolshed.Core.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return RegistryLoader.Parse(buffer.ToArray(), "built into Toolshed");
    }
}
