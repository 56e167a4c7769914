using System.Text;
using Toolshed.Core.Secrets;
using Toolshed.Testing;

namespace Toolshed.Core.Tests.Secrets;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class EncryptedSecretStoreTests : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly TemporaryDirectory _home = new("toolshed-secrets");

    public void Dispose() => _home.Dispose();

    private SecretStoreOptions Options(string? password = null) => new()
    {
        StorePath = _home.Combine("data", "secrets.enc"),
        KeyFilePath = _home.Combine("config", "secrets.key"),
        Password = password,
    };

    [Fact]
    public async Task SetThenGet_KeyFile_RoundTripsAndStoresNoPlaintext()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new EncryptedSecretStore(Options());
        var value = "plain-value-" + Guid.NewGuid().ToString("N");

        await store.SetAsync("api-token", value, ct);
        await store.SetAsync("other", "x", ct);

        var reopened = new EncryptedSecretStore(Options());
        Assert.Equal(value, await reopened.GetAsync("api-token", ct));
        Assert.Null(await reopened.GetAsync("missing", ct));
        Assert.Equal(["api-token", "other"], await reopened.ListNamesAsync(ct));
        var bytes = await File.ReadAllBytesAsync(store.StorePath, ct);
        Assert.DoesNotContain(value, Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.DoesNotContain("api-token", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetThenGet_Password_RoundTripsWithoutKeyFile()
    {
        var ct = TestContext.Current.CancellationToken;
        await new EncryptedSecretStore(Options("correct horse")).SetAsync("token", "s3cret", ct);

        Assert.Equal("s3cret", await new EncryptedSecretStore(Options("correct horse")).GetAsync("token", ct));
        Assert.False(File.Exists(Options().KeyFilePath));
    }

    [Fact]
    public async Task Set_Twice_UsesFreshNonceEachWrite()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new EncryptedSecretStore(Options());
        await store.SetAsync("token", "same", ct);
        var first = await File.ReadAllBytesAsync(store.StorePath, ct);
        await store.SetAsync("token", "same", ct);
        var second = await File.ReadAllBytesAsync(store.StorePath, ct);

        Assert.NotEqual(first, second);
        Assert.Equal(first.Length, second.Length);
    }

    [Fact]
    public async Task Get_WrongPassword_ThrowsClearErrorAndLeavesStore()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new EncryptedSecretStore(Options("right"));
        await store.SetAsync("token", "value", ct);
        var before = await File.ReadAllBytesAsync(store.StorePath, ct);

        var wrong = new EncryptedSecretStore(Options("wrong"));
        var error = await Assert.ThrowsAsync<SecretStoreException>(() => wrong.GetAsync("token", ct));
        var setError = await Assert.ThrowsAsync<SecretStoreException>(() => wrong.SetAsync("other", "x", ct));

        Assert.Contains("TOOLSHED_SECRETS_PASSWORD does not open", error.Message, StringComparison.Ordinal);
        Assert.Contains("TOOLSHED_SECRETS_PASSWORD", setError.Message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(store.StorePath, ct));
    }

    [Fact]
    public async Task Get_PasswordStoreWithoutPassword_SaysToSetIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await new EncryptedSecretStore(Options("pw")).SetAsync("token", "value", ct);

        var error = await Assert.ThrowsAsync<SecretStoreException>(() => new EncryptedSecretStore(Options()).ListNamesAsync(ct));

        Assert.Contains("protected by a password", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(20)] // header: salt
    [InlineData(50)] // nonce
    [InlineData(60)] // tag
    [InlineData(-1)] // last ciphertext byte
    public async Task Get_TamperedByte_ThrowsAndNothingOverwritten(int offset)
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new EncryptedSecretStore(Options());
        await store.SetAsync("token", "value", ct);
        var bytes = await File.ReadAllBytesAsync(store.StorePath, ct);
        bytes[offset < 0 ? bytes.Length + offset : offset] ^= 0x01;
        await File.WriteAllBytesAsync(store.StorePath, bytes, ct);

        await Assert.ThrowsAsync<SecretStoreException>(() => store.GetAsync("token", ct));
        await Assert.ThrowsAsync<SecretStoreException>(() => store.SetAsync("other", "x", ct));
        await Assert.ThrowsAsync<SecretStoreException>(() => store.DeleteAsync("token", ct));

        Assert.Equal(bytes, await File.ReadAllBytesAsync(store.StorePath, ct));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(60)]
    [InlineData(80)]
    public async Task Get_TruncatedFile_ThrowsClearErrorAndNothingOverwritten(int length)
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new EncryptedSecretStore(Options());
        await store.SetAsync("token", "a value long enough to be cut", ct);
        var truncated = (await File.ReadAllBytesAsync(store.StorePath, ct))[..length];
        await File.WriteAllBytesAsync(store.StorePath, truncated, ct);

        var error = await Assert.ThrowsAsync<SecretStoreException>(() => store.GetAsync("token", ct));
        await Assert.ThrowsAsync<SecretStoreException>(() => store.SetAsync("token", "new", ct));

        Assert.Contains("left untouched", error.Message, StringComparison.Ordinal);
        Assert.Equal(truncated, await File.ReadAllBytesAsync(store.StorePath, ct));
    }

    [Fact]
    public async Task Set_NewStore_StoreAndKeyFileAreOwnerOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new EncryptedSecretStore(Options());

        await store.SetAsync("token", "value", ct);

        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(store.StorePath));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(Options().KeyFilePath));
        Assert.Equal(32, (await File.ReadAllBytesAsync(Options().KeyFilePath, ct)).Length);
        Assert.NotEqual(Path.GetDirectoryName(store.StorePath), Path.GetDirectoryName(Options().KeyFilePath));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(store.StorePath)!, "*.tmp"));
    }

    [Fact]
    public async Task Get_KeyFileReadableByOthers_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new EncryptedSecretStore(Options());
        await store.SetAsync("token", "value", ct);
        File.SetUnixFileMode(Options().KeyFilePath, OwnerReadWrite | UnixFileMode.OtherRead);

        var error = await Assert.ThrowsAsync<SecretStoreException>(() => store.GetAsync("token", ct));

        Assert.Contains("chmod 600", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_KeyFileMissing_ThrowsClearError()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new EncryptedSecretStore(Options());
        await store.SetAsync("token", "value", ct);
        File.Delete(Options().KeyFilePath);

        var error = await Assert.ThrowsAsync<SecretStoreException>(() => store.GetAsync("token", ct));

        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_ConcurrentDifferentNames_AllKept()
    {
        var ct = TestContext.Current.CancellationToken;
        // Two store objects over one file, as two daemons or a daemon and a CLI would have.
        var first = new EncryptedSecretStore(Options());
        var second = new EncryptedSecretStore(Options());

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            Task.Run(() => (i % 2 == 0 ? first : second).SetAsync($"name-{i}", $"value-{i}", ct), ct)));

        var names = await new EncryptedSecretStore(Options()).ListNamesAsync(ct);
        Assert.Equal(40, names.Count);
        Assert.Equal("value-39", await first.GetAsync("name-39", ct));
    }

    [Fact]
    public async Task Delete_ExistingAndMissing_ReportsWhetherRemoved()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new EncryptedSecretStore(Options());
        await store.SetAsync("token", "value", ct);

        Assert.True(await store.DeleteAsync("token", ct));
        Assert.False(await store.DeleteAsync("token", ct));
        Assert.Empty(await store.ListNamesAsync(ct));
    }

    [Theory]
    [InlineData("")]
    [InlineData("../etc")]
    [InlineData("has space")]
    [InlineData("-leading-dash")]
    public async Task Set_InvalidName_IsInvalidInput(string name)
    {
        var store = new EncryptedSecretStore(Options());

        await Assert.ThrowsAsync<Toolshed.Core.Errors.InvalidInputException>(() => store.SetAsync(name, "v", TestContext.Current.CancellationToken));
        Assert.False(File.Exists(store.StorePath));
    }
}
