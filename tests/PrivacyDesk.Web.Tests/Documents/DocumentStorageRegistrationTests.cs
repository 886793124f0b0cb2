using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Documents;

namespace PrivacyDesk.Web.Tests.Documents;

/// <summary><c>services.AddDocumentStorage()</c>: options from section "Documents", defaults, validation, services.</summary>
public sealed class DocumentStorageRegistrationTests : IDisposable
{
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("privacydesk-docs-di-");

    public void Dispose() => root.Delete(recursive: true);

    private ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.Configure<DatabaseOptions>(o => o.DataDirectory = Path.Combine(root.FullName, "data"));
        services.AddDocumentStorage();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public void The_defaults_are_10_MB_per_file_30_MB_per_request_and_40_megapixels()
    {
        using var provider = Build([]);

        var options = provider.GetRequiredService<IOptions<DocumentOptions>>().Value;

        Assert.Equal(10L * 1024 * 1024, options.MaxFileBytes);
        Assert.Equal(30L * 1024 * 1024, options.MaxRequestBytes);
        Assert.Equal(40_000_000, options.MaxPixels);
        Assert.Equal(90, options.JpegQuality);
        Assert.Null(options.MasterKey);
        Assert.Null(options.KeyDirectory);
    }

    [Fact]
    public async Task Configuration_is_bound_and_the_services_work_together()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        using var provider = Build(new()
        {
            ["Documents:MaxFileBytes"] = "5000000",
            ["Documents:MasterKey"] = Convert.ToBase64String(key),
        });

        var inspector = provider.GetRequiredService<DocumentInspector>();
        var vault = provider.GetRequiredService<DocumentVault>();
        var upload = SampleFiles.Jpeg();
        var checkedDocument = await inspector.InspectAsync(new MemoryStream(upload), upload.Length);
        Assert.True(checkedDocument.IsAccepted);
        var id = Guid.CreateVersion7();
        var content = vault.Seal(id, checkedDocument.Document.Bytes);

        Assert.Equal(5_000_000, provider.GetRequiredService<IOptions<DocumentOptions>>().Value.MaxFileBytes);
        Assert.Equal(DocumentKeyStore.KeyIdFor(key), content.KeyId);
        Assert.Equal(checkedDocument.Document.Bytes, vault.Open(content));
        Assert.Same(inspector, provider.GetRequiredService<DocumentInspector>());
    }

    [Fact]
    public void The_key_folder_follows_the_database_data_directory_unless_configured()
    {
        using var byDefault = Build([]);
        using var configured = Build(new() { ["Documents:KeyDirectory"] = Path.Combine(root.FullName, "vault-keys") });

        Assert.Equal(Path.Combine(root.FullName, "data", "keys"), byDefault.GetRequiredService<DocumentKeyStore>().KeyDirectory);
        Assert.Equal(Path.Combine(root.FullName, "vault-keys"), configured.GetRequiredService<DocumentKeyStore>().KeyDirectory);
        Assert.False(Directory.Exists(Path.Combine(root.FullName, "data", "keys"))); // nothing created before first use
    }

    [Theory]
    [InlineData("Documents:MasterKey", "not base64!")]
    [InlineData("Documents:MasterKey", "c2hvcnQ=")] // 5 bytes
    [InlineData("Documents:PreviousMasterKeys:0", "c2hvcnQ=")]
    [InlineData("Documents:JpegQuality", "0")]
    [InlineData("Documents:MaxRequestBytes", "100")]
    [InlineData("Documents:ImagePoolMegabytes", "-1")]
    [InlineData("Documents:ImagePoolMegabytes", "2048")]
    [InlineData("Documents:NativeMmapThresholdKilobytes", "-1")]
    [InlineData("Documents:NativeMmapThresholdKilobytes", "40000")]
    public void Invalid_settings_are_refused(string key, string value)
    {
        using var provider = Build(new() { [key] = value });

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DocumentOptions>>().Value);
    }
}
