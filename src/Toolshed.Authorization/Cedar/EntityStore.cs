using System.Collections.Frozen;
using System.Text.Json;

namespace Toolshed.Authorization.Cedar;

/// <summary>
/// The entities of a policy configuration (ToolHive's <c>entities_json</c>, Cedar's entity JSON format), with the
/// ancestors of each entity computed once so that <c>in</c> is a set lookup.
/// </summary>
internal sealed class EntityStore
{
    /// <summary>How deep entity JSON may nest (records in records); deeper is refused, never a stack overflow.</summary>
    public const int MaxDepth = 64;

    public static readonly EntityStore Empty = new(FrozenDictionary<EntityUid, EntityData>.Empty);

    private readonly FrozenDictionary<EntityUid, EntityData> _entities;

    private EntityStore(FrozenDictionary<EntityUid, EntityData> entities) => _entities = entities;

    public bool TryGet(EntityUid uid, out EntityData data) => _entities.TryGetValue(uid, out data!);

    /// <summary>Whether <paramref name="uid"/> is <paramref name="ancestor"/> or below it.</summary>
    public bool IsIn(EntityUid uid, EntityUid ancestor) =>
        uid == ancestor || (_entities.TryGetValue(uid, out var data) && data.Ancestors.Contains(ancestor));

    /// <summary>Reads a JSON array of <c>{uid, attrs, parents}</c>; throws <see cref="FormatException"/> naming the entity.</summary>
    public static EntityStore Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return Empty;
        }

        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("entities_json must be a JSON array of entities");
        }

        var attributes = new Dictionary<EntityUid, IReadOnlyDictionary<string, CedarValue>>();
        var parents = new Dictionary<EntityUid, List<EntityUid>>();
        var index = 0;
        foreach (var entity in document.RootElement.EnumerateArray())
        {
            var where = $"entities_json[{index++}]";
            if (entity.ValueKind != JsonValueKind.Object || !entity.TryGetProperty("uid", out var uidElement))
            {
                throw new FormatException($"{where}: an entity needs a \"uid\"");
            }

            var uid = CedarJson.ReadEntityUid(uidElement, where + ".uid");
            if (attributes.ContainsKey(uid))
            {
                throw new FormatException($"{where}: duplicate entity {uid}");
            }

            var attrs = new Dictionary<string, CedarValue>(StringComparer.Ordinal);
            if (entity.TryGetProperty("attrs", out var attrsElement) && attrsElement.ValueKind != JsonValueKind.Null)
            {
                if (attrsElement.ValueKind != JsonValueKind.Object)
                {
                    throw new FormatException($"{where}.attrs must be an object");
                }

                foreach (var property in attrsElement.EnumerateObject())
                {
                    attrs[property.Name] = CedarJson.ReadValue(property.Value, $"{where}.attrs.{property.Name}");
                }
            }

            var parentList = new List<EntityUid>();
            if (entity.TryGetProperty("parents", out var parentsElement) && parentsElement.ValueKind != JsonValueKind.Null)
            {
                if (parentsElement.ValueKind != JsonValueKind.Array)
                {
                    throw new FormatException($"{where}.parents must be an array");
                }

                foreach (var parent in parentsElement.EnumerateArray())
                {
                    parentList.Add(CedarJson.ReadEntityUid(parent, $"{where}.parents"));
                }
            }

            attributes[uid] = attrs.ToFrozenDictionary(StringComparer.Ordinal);
            parents[uid] = parentList;
        }

        var entities = new Dictionary<EntityUid, EntityData>();
        foreach (var (uid, attrs) in attributes)
        {
            entities[uid] = new EntityData(attrs, Ancestors(uid, parents));
        }

        return new EntityStore(entities.ToFrozenDictionary());
    }

    private static FrozenSet<EntityUid> Ancestors(EntityUid uid, Dictionary<EntityUid, List<EntityUid>> parents)
    {
        var seen = new HashSet<EntityUid>();
        var pending = new Stack<EntityUid>(parents[uid]);
        while (pending.TryPop(out var next))
        {
            if (seen.Add(next) && parents.TryGetValue(next, out var more))
            {
                foreach (var parent in more)
                {
                    pending.Push(parent);
                }
            }
        }

        return seen.ToFrozenSet();
    }
}
