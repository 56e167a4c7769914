using Toolshed.Proxy.Telemetry;

namespace Toolshed.Proxy.Tests.Telemetry;

public sealed class LabelBudgetTests
{
    [Fact]
    public void Admit_PastTheBudget_IsOtherAndKnownValuesStay()
    {
        var budget = new LabelBudget(maxValues: 2, maxChars: 5);

        Assert.Equal("a", budget.Admit("a"));
        Assert.Equal("bbbbb", budget.Admit("bbbbbbbbbb"));
        Assert.Equal(McpSemanticConventions.Other, budget.Admit("c"));
        Assert.Equal("a", budget.Admit("a"));
        Assert.Equal("bbbbb", budget.Admit("bbbbbzzz"));
        Assert.Null(budget.Admit(null));
        Assert.Equal(2, budget.Count);
    }
}
