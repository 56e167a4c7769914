using System.Text.Json.Nodes;
using Toolshed.Core.Groups;

namespace Toolshed.Proxy.Groups;

/// <summary>
/// One list of a group as one client sees it: the items of its running members (renamed as <see cref="GroupNaming"/>
/// settles, for tools and prompts; as they are, for resources and templates), where each one lives, the collisions met,
/// and the members that could not be listed (with why).
/// </summary>
internal sealed class GroupCatalog
{
    private readonly Dictionary<string, CatalogEntry> _byShown;
    private readonly List<(string Prefix, string Member)> _templates;
    private readonly bool _manual;
    private byte[]? _resultUtf8;
    private string? _searchKey;
    private IReadOnlyList<(string, string)>? _searchable;

    private GroupCatalog(
        CatalogKind kind, JsonArray items, Dictionary<string, CatalogEntry> byShown, List<(string, string)> templates,
        IReadOnlyList<NamingConflict> conflicts, IReadOnlyDictionary<string, string> unavailable, bool manual)
    {
        _manual = manual;
        Kind = kind;
        Items = items;
        _byShown = byShown;
        _templates = templates;
        Conflicts = conflicts;
        Unavailable = unavailable;
    }

    public CatalogKind Kind { get; }

    /// <summary>What the list answer carries; callers clone it before filtering it.</summary>
    public JsonArray Items { get; }

    public IReadOnlyList<NamingConflict> Conflicts { get; }

    /// <summary>Members that run but could not be listed, with the reason.</summary>
    public IReadOnlyDictionary<string, string> Unavailable { get; }

    /// <summary>Only under the manual strategy does an unresolved collision refuse the list; otherwise its entries are just not shown.</summary>
    public bool IsRefused => _manual && Kind.IsNamed() && Conflicts.Any(c => c.IsUnresolved);

    /// <summary>A hash of everything a client can get from this list (the answer, where each item lives, the
    /// collisions, who could not be listed): two lists with the same one are the same list.</summary>
    public string ContentKey()
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        hash.AppendData([(byte)Kind, _manual ? (byte)1 : (byte)0]);
        hash.AppendData(ResultUtf8);
        var rest = new System.Text.StringBuilder();
        foreach (var (shown, entry) in _byShown)
        {
            rest.Append(shown).Append('\0').Append(entry.Member).Append('\0').Append(entry.Name).Append('\n');
        }

        foreach (var conflict in Conflicts)
        {
            rest.Append(conflict).Append('\n');
        }

        foreach (var (member, problem) in Unavailable)
        {
            rest.Append(member).Append('\0').Append(problem).Append('\n');
        }

        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(rest.ToString()));
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>A hash of <see cref="Searchable"/>: the optimizer's index key, computed once per list.</summary>
    public string SearchKey => _searchKey ??= Optimizer.ToolIndexCache.KeyOf(Searchable);

    public IEnumerable<KeyValuePair<string, CatalogEntry>> Entries => _byShown;

    /// <summary>The list answer's result, serialized once: warm lists without a policy to filter them cost no JSON work.</summary>
    public byte[] ResultUtf8 => _resultUtf8 ??= Protocol.JsonRpc.ToUtf8(new JsonObject { [Kind.ResultKey()] = Items.DeepClone() });

    /// <summary>Each item's shown name and description, in list order: what the optimizer's index is built from.</summary>
    public IReadOnlyList<(string Name, string Description)> Searchable => _searchable ??= [.. Items.OfType<JsonObject>().Select(i =>
        (KeyOf(i, Kind.ItemKey()) ?? "", i["description"] is JsonValue d && d.TryGetValue(out string? text) ? text : ""))];

    /// <summary>The item a client sees under <paramref name="shown"/>.</summary>
    public JsonObject? ItemOf(string shown) =>
        Items.OfType<JsonObject>().FirstOrDefault(i => KeyOf(i, Kind.ItemKey()) == shown);

    public CatalogEntry? Find(string shown) => _byShown.GetValueOrDefault(shown);

    /// <summary>The member whose resource template the URI falls under: the longest literal prefix before a '{' wins.</summary>
    public string? FindTemplateMember(string uri) =>
        _templates.Where(t => t.Prefix.Length > 0 && uri.StartsWith(t.Prefix, StringComparison.Ordinal))
            .OrderByDescending(t => t.Prefix.Length).Select(t => t.Member).FirstOrDefault();

    /// <summary>Builds the list from each member's items (in member order; a null list: the member could not be listed).</summary>
    public static GroupCatalog Build(
        CatalogKind kind, GroupConflictStrategy strategy, IReadOnlyList<GroupRename> renames,
        IReadOnlyList<(string Member, JsonArray? Items, string? Problem)> listings)
    {
        var itemKey = kind.ItemKey();
        var unavailable = listings.Where(l => l.Problem is not null).ToDictionary(l => l.Member, l => l.Problem!, StringComparer.Ordinal);
        var items = new JsonArray();
        var byShown = new Dictionary<string, CatalogEntry>(StringComparer.Ordinal);
        var templates = new List<(string, string)>();
        IReadOnlyList<NamingConflict> conflicts = [];
        if (kind.IsNamed())
        {
            var offers = listings.Select(l => new MemberOffer(l.Member, [.. Keys(l.Items, itemKey)])).ToList();
            var naming = GroupNaming.Resolve(strategy, renames, offers);
            conflicts = naming.Conflicts;
            var source = new Dictionary<(string, string), JsonObject>();
            foreach (var (member, listed, _) in listings)
            {
                foreach (var item in listed ?? [])
                {
                    if (item is JsonObject obj && KeyOf(obj, itemKey) is { } key)
                    {
                        source.TryAdd((member, key), obj);
                    }
                }
            }

            foreach (var entry in naming.Entries)
            {
                if (source.TryGetValue((entry.Member, entry.Name), out var item))
                {
                    var shown = (JsonObject)item.DeepClone();
                    shown[itemKey] = entry.Shown;
                    items.Add(shown);
                    byShown[entry.Shown] = new CatalogEntry(entry.Member, entry.Name);
                }
            }
        }
        else
        {
            foreach (var (member, listed, _) in listings)
            {
                foreach (var item in listed ?? [])
                {
                    if (item is JsonObject obj && KeyOf(obj, itemKey) is { } key && byShown.TryAdd(key, new CatalogEntry(member, key)))
                    {
                        items.Add(obj.DeepClone());
                        if (kind == CatalogKind.ResourceTemplates)
                        {
                            templates.Add((key.Split('{')[0], member));
                        }
                    }
                }
            }
        }

        return new GroupCatalog(kind, items, byShown, templates, conflicts, unavailable, strategy == GroupConflictStrategy.Manual);
    }

    private static IEnumerable<string> Keys(JsonArray? items, string itemKey) =>
        (items ?? []).OfType<JsonObject>().Select(i => KeyOf(i, itemKey)).OfType<string>();

    private static string? KeyOf(JsonNode? item, string itemKey) =>
        item?[itemKey] is JsonValue value && value.TryGetValue(out string? key) ? key : null;
}
