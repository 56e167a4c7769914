using Toolshed.Core.Groups;

namespace Toolshed.Proxy.Groups;

/// <summary>
/// Settles the names a group shows from what its members offer. Explicit renames apply first, under every strategy.
/// Then a name offered by more than one member is: with <see cref="GroupConflictStrategy.Prefix"/>, shown as
/// <c>member_name</c> for each of them (names nobody else offers stay as they are, and the outcome does not depend on
/// the members' order); with <see cref="GroupConflictStrategy.Priority"/>, kept by the first member in the group's order;
/// with <see cref="GroupConflictStrategy.Manual"/>, unresolved. Nothing is ever dropped without a
/// <see cref="NamingConflict"/> saying so.
/// </summary>
public static class GroupNaming
{
    public const char PrefixSeparator = '_';

    private const int MaxPrefixRounds = 4;

    public static NamingResult Resolve(GroupConflictStrategy strategy, IReadOnlyList<GroupRename> renames, IReadOnlyList<MemberOffer> offers)
    {
        ArgumentNullException.ThrowIfNull(renames);
        ArgumentNullException.ThrowIfNull(offers);
        var explicitNames = renames.ToDictionary(r => (r.Member, r.Name), r => r.As);
        var candidates = new List<Candidate>();
        foreach (var offer in offers)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in offer.Names)
            {
                if (seen.Add(name))
                {
                    var renamed = explicitNames.TryGetValue((offer.Member, name), out var shown);
                    candidates.Add(new Candidate(offer.Member, name) { Shown = renamed ? shown! : name, Fixed = renamed });
                }
            }
        }

        var conflicts = new List<NamingConflict>();
        var dropped = new HashSet<Candidate>();
        switch (strategy)
        {
            case GroupConflictStrategy.Prefix:
                Prefix(candidates, conflicts, dropped);
                break;
            case GroupConflictStrategy.Priority:
                foreach (var collision in Collisions(candidates))
                {
                    var winner = collision[0];
                    conflicts.Add(new NamingConflict(winner.Shown, Members(collision), $"kept by {winner.Member}"));
                    dropped.UnionWith(collision.Skip(1));
                }

                break;
            default:
                foreach (var collision in Collisions(candidates))
                {
                    conflicts.Add(new NamingConflict(collision[0].Shown, Members(collision), NamingConflict.Unresolved));
                    dropped.UnionWith(collision);
                }

                break;
        }

        var entries = candidates.Where(c => !dropped.Contains(c)).Select(c => new NamedEntry(c.Shown, c.Member, c.Name)).ToList();
        return new NamingResult(entries, conflicts);
    }

    /// <summary>
    /// Prefixes every colliding name that was not renamed explicitly; a prefixed name can collide again (member "a_b"
    /// with "c", member "a" with "b_c"), so this repeats a few rounds, and what still collides is unresolved.
    /// </summary>
    private static void Prefix(List<Candidate> candidates, List<NamingConflict> conflicts, HashSet<Candidate> dropped)
    {
        for (var round = 0; round < MaxPrefixRounds; round++)
        {
            var collisions = Collisions(candidates.Where(c => !dropped.Contains(c))).ToList();
            if (collisions.Count == 0)
            {
                return;
            }

            var changed = false;
            foreach (var collision in collisions)
            {
                var movable = collision.Where(c => !c.Fixed).ToList();
                if (movable.Count == 0 || round == MaxPrefixRounds - 1)
                {
                    conflicts.Add(new NamingConflict(collision[0].Shown, Members(collision), NamingConflict.Unresolved));
                    dropped.UnionWith(collision);
                    continue;
                }

                conflicts.Add(new NamingConflict(collision[0].Shown, Members(collision), NamingConflict.Prefixed));

                foreach (var candidate in movable)
                {
                    candidate.Shown = candidate.Member + PrefixSeparator + candidate.Name;
                    candidate.Fixed = true;
                    changed = true;
                }
            }

            if (!changed)
            {
                return;
            }
        }
    }

    private static IEnumerable<List<Candidate>> Collisions(IEnumerable<Candidate> candidates) =>
        candidates.GroupBy(c => c.Shown, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.ToList());

    private static List<string> Members(List<Candidate> collision) => [.. collision.Select(c => c.Member).Distinct(StringComparer.Ordinal)];

    private sealed class Candidate(string member, string name)
    {
        public string Member { get; } = member;

        public string Name { get; } = name;

        public required string Shown { get; set; }

        /// <summary>Renamed explicitly, or prefixed already: not prefixed (again).</summary>
        public bool Fixed { get; set; }
    }
}
