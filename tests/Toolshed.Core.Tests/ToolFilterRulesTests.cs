using Toolshed.Core.Errors;
using Toolshed.Core.Tools;

namespace Toolshed.Core.Tests;

public sealed class ToolFilterRulesTests
{
    [Fact]
    public void Validate_GoodFilter_KeepsItWithDuplicateNamesDropped()
    {
        var spec = ToolFilterRules.Validate(["a", "b", "a"], new Dictionary<string, ToolOverride> { ["x"] = new() { Name = "b" } });

        Assert.Equal(["a", "b"], spec.Allow);
        Assert.Equal("b", spec.Overrides["x"].Name);
        Assert.False(spec.IsEmpty);
    }

    [Theory]
    [InlineData("has space", null, "is not a tool name")]
    [InlineData("", null, "is not a tool name")]
    [InlineData("ok", "", "gives neither a name nor a description")]
    public void Validate_BadFilter_SaysWhatIsWrong(string allowed, string? overrideKey, string problem)
    {
        var overrides = overrideKey is null ? null : new Dictionary<string, ToolOverride> { [allowed] = new() };
        var ex = Assert.Throws<InvalidInputException>(() => ToolFilterRules.Validate(overrideKey is null ? [allowed] : null, overrides));

        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TwoToolsShownUnderOneName_IsRefused()
    {
        var ex = Assert.Throws<InvalidInputException>(() => ToolFilterRules.Validate(
            null, new Dictionary<string, ToolOverride> { ["a"] = new() { Name = "c" }, ["b"] = new() { Name = "c" } }));

        Assert.Contains("both as 'c'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TooManyOrTooLong_IsRefused()
    {
        Assert.Throws<InvalidInputException>(() => ToolFilterRules.Validate([.. Enumerable.Range(0, 1001).Select(i => $"t{i}")], null));
        Assert.Throws<InvalidInputException>(() => ToolFilterRules.Validate(
            null, new Dictionary<string, ToolOverride> { ["a"] = new() { Description = new string('x', 4097) } }));
        Assert.Throws<InvalidInputException>(() => ToolFilterRules.Validate([new string('a', 129)], null));
    }
}
