namespace Toolshed.Authorization.Cedar;

/// <summary>
/// Evaluates policies against one request with Cedar's semantics. An evaluation error is a <c>null</c> result (no
/// exceptions on this path: a missing claim is an everyday event) and makes the policy not apply.
/// </summary>
internal sealed class Evaluator(AuthorizationRequest request, EntityStore store)
{
    private readonly CedarValue _principal = CedarValue.Entity(request.Principal);
    private readonly CedarValue _action = CedarValue.Entity(request.Action);
    private readonly CedarValue _resource = CedarValue.Entity(request.Resource);

    public PolicyOutcome Evaluate(Policy policy)
    {
        if (!InScope(request.Principal, policy.Principal) || !InScope(request.Action, policy.Action)
            || !InScope(request.Resource, policy.Resource))
        {
            return PolicyOutcome.NotApplicable;
        }

        foreach (var condition in policy.Conditions)
        {
            var value = Eval(condition.Body);
            if (value is not { Kind: CedarValueKind.Bool })
            {
                return PolicyOutcome.Error;
            }

            if (value.AsBool == condition.IsUnless)
            {
                return PolicyOutcome.NotApplicable;
            }
        }

        return PolicyOutcome.Applies;
    }

    private bool InScope(EntityUid uid, ScopeConstraint scope) => scope.Kind switch
    {
        ScopeKind.Any => true,
        ScopeKind.Equal => uid == scope.Entity,
        ScopeKind.In => store.IsIn(uid, scope.Entity),
        ScopeKind.InSet => scope.Entities!.Any(e => store.IsIn(uid, e)),
        ScopeKind.Is => uid.Type == scope.EntityType,
        _ => uid.Type == scope.EntityType && store.IsIn(uid, scope.Entity),
    };

    private CedarValue? Eval(Expr expr)
    {
        switch (expr.Kind)
        {
            case ExprKind.Literal:
                return expr.Value;
            case ExprKind.Principal:
                return _principal;
            case ExprKind.Action:
                return _action;
            case ExprKind.Resource:
                return _resource;
            case ExprKind.Context:
                return request.Context;
            case ExprKind.And:
            case ExprKind.Or:
                {
                    var left = Eval(expr.Left!);
                    if (left is not { Kind: CedarValueKind.Bool })
                    {
                        return null;
                    }

                    if (left.AsBool == (expr.Kind == ExprKind.Or))
                    {
                        return left;
                    }

                    var right = Eval(expr.Right!);
                    return right is { Kind: CedarValueKind.Bool } ? right : null;
                }

            case ExprKind.IfThenElse:
                {
                    var condition = Eval(expr.Left!);
                    return condition is not { Kind: CedarValueKind.Bool } ? null
                        : condition.AsBool ? Eval(expr.Right!) : Eval(expr.Third!);
                }

            case ExprKind.Not:
                {
                    var operand = Eval(expr.Left!);
                    return operand is { Kind: CedarValueKind.Bool } ? CedarValue.Of(!operand.AsBool) : null;
                }

            case ExprKind.Negate:
                {
                    var operand = Eval(expr.Left!);
                    return operand is { Kind: CedarValueKind.Long } && operand.AsLong != long.MinValue
                        ? CedarValue.Of(-operand.AsLong)
                        : null;
                }

            case ExprKind.SetLiteral:
                {
                    var items = new CedarValue[expr.Items!.Count];
                    for (var i = 0; i < items.Length; i++)
                    {
                        if (Eval(expr.Items[i]) is not { } item)
                        {
                            return null;
                        }

                        items[i] = item;
                    }

                    return CedarValue.Set(items);
                }

            case ExprKind.RecordLiteral:
                {
                    var fields = new KeyValuePair<string, CedarValue>[expr.Fields!.Count];
                    for (var i = 0; i < fields.Length; i++)
                    {
                        if (Eval(expr.Fields[i].Value) is not { } value)
                        {
                            return null;
                        }

                        fields[i] = new(expr.Fields[i].Key, value);
                    }

                    return CedarValue.Record(fields);
                }

            case ExprKind.Has:
                return Eval(expr.Left!) is { } target ? Has(target, expr.Name!) : null;
            case ExprKind.GetAttribute:
                return Eval(expr.Left!) is { } owner ? GetAttribute(owner, expr.Name!) : null;
            case ExprKind.Like:
                return Eval(expr.Left!) is { Kind: CedarValueKind.String } text ? CedarValue.Of(expr.Pattern!.IsMatch(text.AsString)) : null;
            case ExprKind.Is:
                return Eval(expr.Left!) is { Kind: CedarValueKind.Entity } entity ? CedarValue.Of(entity.AsEntity.Type == expr.Name) : null;
            case ExprKind.IsEmpty:
                return Eval(expr.Left!) is { Kind: CedarValueKind.Set } set ? CedarValue.Of(set.AsSet.Count == 0) : null;
            default:
                {
                    // Binary operators evaluate both operands, left first; an error in either is the result.
                    if (Eval(expr.Left!) is not { } left || Eval(expr.Right!) is not { } right)
                    {
                        return null;
                    }

                    return Binary(expr.Kind, left, right);
                }
        }
    }

    private CedarValue? Binary(ExprKind kind, CedarValue left, CedarValue right)
    {
        switch (kind)
        {
            case ExprKind.Equal:
                return CedarValue.Of(left.Equals(right));
            case ExprKind.NotEqual:
                return CedarValue.Of(!left.Equals(right));
            case ExprKind.In:
                return In(left, right);
            case ExprKind.Contains:
                return left.Kind == CedarValueKind.Set ? CedarValue.Of(left.SetContains(right)) : null;
            case ExprKind.ContainsAll:
                return left.Kind == CedarValueKind.Set && right.Kind == CedarValueKind.Set
                    ? CedarValue.Of(right.AsSet.All(left.SetContains))
                    : null;
            case ExprKind.ContainsAny:
                return left.Kind == CedarValueKind.Set && right.Kind == CedarValueKind.Set
                    ? CedarValue.Of(right.AsSet.Any(left.SetContains))
                    : null;
        }

        if (left.Kind != CedarValueKind.Long || right.Kind != CedarValueKind.Long)
        {
            return null;
        }

        long a = left.AsLong, b = right.AsLong;
        switch (kind)
        {
            case ExprKind.Less: return CedarValue.Of(a < b);
            case ExprKind.LessEqual: return CedarValue.Of(a <= b);
            case ExprKind.Greater: return CedarValue.Of(a > b);
            case ExprKind.GreaterEqual: return CedarValue.Of(a >= b);
        }

        try
        {
            return CedarValue.Of(kind switch
            {
                ExprKind.Add => checked(a + b),
                ExprKind.Subtract => checked(a - b),
                _ => checked(a * b),
            });
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private CedarValue? In(CedarValue left, CedarValue right)
    {
        if (left.Kind != CedarValueKind.Entity)
        {
            return null;
        }

        if (right.Kind == CedarValueKind.Entity)
        {
            return CedarValue.Of(store.IsIn(left.AsEntity, right.AsEntity));
        }

        if (right.Kind != CedarValueKind.Set)
        {
            return null;
        }

        var elements = right.AsSet;
        foreach (var element in elements)
        {
            if (element.Kind != CedarValueKind.Entity)
            {
                return null;
            }
        }

        foreach (var element in elements)
        {
            if (store.IsIn(left.AsEntity, element.AsEntity))
            {
                return CedarValue.True;
            }
        }

        return CedarValue.False;
    }

    private CedarValue? Has(CedarValue target, string name) => target.Kind switch
    {
        CedarValueKind.Record => CedarValue.Of(target.TryGetField(name, out _)),
        CedarValueKind.Entity => CedarValue.Of(TryGetEntityAttribute(target.AsEntity, name, out _)),
        _ => null,
    };

    private CedarValue? GetAttribute(CedarValue owner, string name) => owner.Kind switch
    {
        CedarValueKind.Record => owner.TryGetField(name, out var field) ? field : null,
        CedarValueKind.Entity => TryGetEntityAttribute(owner.AsEntity, name, out var attribute) ? attribute : null,
        _ => null,
    };

    private bool TryGetEntityAttribute(EntityUid uid, string name, out CedarValue value)
    {
        if (uid == request.Principal && request.PrincipalAttributes.TryGetValue(name, out value!))
        {
            return true;
        }

        if (uid == request.Resource && request.ResourceAttributes.TryGetValue(name, out value!))
        {
            return true;
        }

        value = null!;
        return store.TryGet(uid, out var data) && data.Attributes.TryGetValue(name, out value!);
    }
}
