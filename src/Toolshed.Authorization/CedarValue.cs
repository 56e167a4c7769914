using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Toolshed.Authorization;

/// <summary>
/// An immutable Cedar value: string, long, bool, set, record or entity reference. Sets hold distinct values and compare
/// without order; records compare by their fields, as Cedar does.
/// </summary>
public sealed class CedarValue : IEquatable<CedarValue>
{
    public static readonly CedarValue True = new(CedarValueKind.Bool, b: true);
    public static readonly CedarValue False = new(CedarValueKind.Bool, b: false);
    public static readonly CedarValue EmptyRecord = Record(new Dictionary<string, CedarValue>());

    private readonly string? _string;
    private readonly long _long;
    private readonly bool _bool;
    private readonly CedarValue[]? _set;
    private readonly FrozenDictionary<string, CedarValue>? _record;
    private readonly EntityUid _entity;

    private CedarValue(CedarValueKind kind, string? s = null, long l = 0, bool b = false, CedarValue[]? set = null,
        FrozenDictionary<string, CedarValue>? record = null, EntityUid entity = default)
    {
        Kind = kind;
        _string = s;
        _long = l;
        _bool = b;
        _set = set;
        _record = record;
        _entity = entity;
    }

    public CedarValueKind Kind { get; }

    public string AsString => _string ?? throw WrongKind(CedarValueKind.String);

    public long AsLong => Kind == CedarValueKind.Long ? _long : throw WrongKind(CedarValueKind.Long);

    public bool AsBool => Kind == CedarValueKind.Bool ? _bool : throw WrongKind(CedarValueKind.Bool);

    /// <summary>The distinct elements of a set.</summary>
    public IReadOnlyList<CedarValue> AsSet => _set ?? throw WrongKind(CedarValueKind.Set);

    public IReadOnlyDictionary<string, CedarValue> AsRecord => _record ?? throw WrongKind(CedarValueKind.Record);

    public EntityUid AsEntity => Kind == CedarValueKind.Entity ? _entity : throw WrongKind(CedarValueKind.Entity);

    public static CedarValue Of(string value) => new(CedarValueKind.String, s: value ?? throw new ArgumentNullException(nameof(value)));

    public static CedarValue Of(long value) => new(CedarValueKind.Long, l: value);

    public static CedarValue Of(bool value) => value ? True : False;

    public static CedarValue Entity(EntityUid value) => new(CedarValueKind.Entity, entity: value);

    public static CedarValue Entity(string type, string id) => Entity(new EntityUid(type, id));

    public static CedarValue Set(IEnumerable<CedarValue> elements)
    {
        var distinct = new List<CedarValue>();
        foreach (var element in elements)
        {
            if (!distinct.Contains(element))
            {
                distinct.Add(element);
            }
        }

        return new(CedarValueKind.Set, set: [.. distinct]);
    }

    public static CedarValue Record(IEnumerable<KeyValuePair<string, CedarValue>> fields) =>
        new(CedarValueKind.Record, record: fields.ToFrozenDictionary(StringComparer.Ordinal));

    /// <summary>Whether a set holds <paramref name="element"/>.</summary>
    internal bool SetContains(CedarValue element) => Array.IndexOf(_set!, element) >= 0;

    internal bool TryGetField(string name, out CedarValue value) => _record!.TryGetValue(name, out value!);

    public bool Equals(CedarValue? other)
    {
        if (other is null || other.Kind != Kind)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        switch (Kind)
        {
            case CedarValueKind.String:
                return string.Equals(_string, other._string, StringComparison.Ordinal);
            case CedarValueKind.Long:
                return _long == other._long;
            case CedarValueKind.Bool:
                return _bool == other._bool;
            case CedarValueKind.Entity:
                return _entity == other._entity;
            case CedarValueKind.Set:
                return _set!.Length == other._set!.Length && _set.All(other.SetContains);
            default:
                if (_record!.Count != other._record!.Count)
                {
                    return false;
                }

                foreach (var (key, value) in _record)
                {
                    if (!other._record.TryGetValue(key, out var theirs) || !value.Equals(theirs))
                    {
                        return false;
                    }
                }

                return true;
        }
    }

    public override bool Equals(object? obj) => Equals(obj as CedarValue);

    public override int GetHashCode() => Kind switch
    {
        CedarValueKind.String => StringComparer.Ordinal.GetHashCode(_string!),
        CedarValueKind.Long => _long.GetHashCode(),
        CedarValueKind.Bool => _bool.GetHashCode(),
        CedarValueKind.Entity => _entity.GetHashCode(),
        CedarValueKind.Set => _set!.Length,
        _ => _record!.Count + 17,
    };

    /// <summary>The value in Cedar syntax.</summary>
    public override string ToString() => Kind switch
    {
        CedarValueKind.String => $"\"{Escape(_string!)}\"",
        CedarValueKind.Long => _long.ToString(CultureInfo.InvariantCulture),
        CedarValueKind.Bool => _bool ? "true" : "false",
        CedarValueKind.Entity => _entity.ToString(),
        CedarValueKind.Set => $"[{string.Join(", ", _set!.Select(v => v.ToString()))}]",
        _ => $"{{{string.Join(", ", _record!.Select(f => $"\"{Escape(f.Key)}\": {f.Value}"))}}}",
    };

    internal static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                '\0' => builder.Append("\\0"),
                _ when char.IsControl(c) => builder.Append(CultureInfo.InvariantCulture, $"\\u{{{(int)c:x}}}"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    private InvalidOperationException WrongKind(CedarValueKind wanted) => new($"The value is a {Kind}, not a {wanted}.");
}
