namespace Toolshed.Authorization.Cedar;

/// <summary>
/// A node of a parsed condition. One shape for every kind keeps the tree small and the evaluator a single switch:
/// <see cref="Left"/>/<see cref="Right"/> are the operands (the condition and the branches for if-then-else, with
/// <see cref="Third"/>), <see cref="Name"/> the attribute or entity type.
/// </summary>
internal sealed class Expr
{
    public required ExprKind Kind { get; init; }

    public CedarValue? Value { get; init; }

    public Expr? Left { get; init; }

    public Expr? Right { get; init; }

    public Expr? Third { get; init; }

    public string? Name { get; init; }

    public IReadOnlyList<Expr>? Items { get; init; }

    public IReadOnlyList<KeyValuePair<string, Expr>>? Fields { get; init; }

    public LikePattern? Pattern { get; init; }

    public static Expr Unary(ExprKind kind, Expr operand) => new() { Kind = kind, Left = operand };

    public static Expr Binary(ExprKind kind, Expr left, Expr right) => new() { Kind = kind, Left = left, Right = right };
}
