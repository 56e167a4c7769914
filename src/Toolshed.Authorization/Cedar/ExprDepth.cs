namespace Toolshed.Authorization.Cedar;

/// <summary>The depth of an expression tree, measured without recursion (the tree may be too deep to recurse on).</summary>
internal static class ExprDepth
{
    public static int Of(Expr root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var deepest = 0;
        var pending = new Stack<(Expr Node, int Depth)>();
        pending.Push((root, 1));
        while (pending.TryPop(out var item))
        {
            deepest = Math.Max(deepest, item.Depth);
            foreach (var child in Children(item.Node))
            {
                pending.Push((child, item.Depth + 1));
            }
        }

        return deepest;
    }

    private static IEnumerable<Expr> Children(Expr node)
    {
        foreach (var child in new[] { node.Left, node.Right, node.Third })
        {
            if (child is not null)
            {
                yield return child;
            }
        }

        foreach (var item in node.Items ?? [])
        {
            yield return item;
        }

        foreach (var field in node.Fields ?? [])
        {
            yield return field.Value;
        }
    }
}
