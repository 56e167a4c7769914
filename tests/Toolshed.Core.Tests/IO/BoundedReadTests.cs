using Toolshed.Core.IO;

namespace Toolshed.Core.Tests.IO;

public sealed class BoundedReadTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(100_000)]
    [InlineData(200_000)]
    public async Task ReadAll_AtOrUnderTheLimit_ReturnsEveryByte(int length)
    {
        var bytes = await BoundedRead.ReadAllAsync(new MemoryStream(new byte[length]), 200_000, TestContext.Current.CancellationToken);

        Assert.Equal(length, bytes!.Length);
    }

    [Fact]
    public async Task ReadAll_OverTheLimit_IsNull() =>
        Assert.Null(await BoundedRead.ReadAllAsync(new MemoryStream(new byte[200_001]), 200_000, TestContext.Current.CancellationToken));
}
