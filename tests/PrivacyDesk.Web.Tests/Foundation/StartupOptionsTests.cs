using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Pages.Requests.Form;

namespace PrivacyDesk.Web.Tests.Foundation;

/// <summary>
/// Each configuration section is one options class checked when the app starts (ValidateOnStart), so a wrong fee or
/// response target stops start-up with a message naming the setting in Japanese and English, instead of surfacing as a
/// wrong letter or a failed filing later. Builds the app's real service registrations; no store is touched.
/// </summary>
public sealed class StartupOptionsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("privacydesk-options-").FullName;

    [Theory]
    [InlineData("Organization:Fee:DisclosureFeeYen", "-1", "円")]
    [InlineData("Organization:Fee:DisclosureFeeYen", "1000000", "円")]
    [InlineData("Organization:ResponseTargetDays", "0", "日")]
    [InlineData("Organization:RelationshipDocumentMaxAgeMonths", "0", "か月")]
    [InlineData("Organization:PublicBaseUrl", "privacydesk.example", "絶対 URL")]
    [InlineData("StaffQueue:PageSize", "0", "以上")]
    [InlineData("StaffQueue:StaleAfterDays", "-5", "以上")]
    [InlineData("AbuseProtection:PostsPerMinute", "0", "以上")]
    [InlineData("StaffSessions:RecheckSeconds", "-1", "以上")]
    public void A_setting_out_of_range_stops_start_up_with_a_message_in_japanese_and_english(string setting, string value, string japanese)
    {
        var error = StartUpError(setting, value);
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
        Assert.Contains(japanese, error.Message, StringComparison.Ordinal);
        Assert.Contains("must be", error.Message, StringComparison.Ordinal);
    }

    private OptionsValidationException StartUpError(string setting, string value) =>
        // Some sections are read while the host is built (Kestrel's limits): either way start-up stops with the message.
        Assert.Throws<OptionsValidationException>(() =>
        {
            var app = Build(new() { [setting] = value });
            try
            {
                app.Services.GetRequiredService<IStartupValidator>().Validate();
            }
            finally
            {
                ((IDisposable)app).Dispose();
            }
        });

    [Theory]
    [InlineData("Organization:IdentityDocuments:0:Type", "PowerOfAttorney", "本人確認書類の種類ではありません", "PowerOfAttorney is not an identity document type")]
    [InlineData("Organization:AddressProof:Documents:0", "Passport", "住所の確認書類の種類ではありません", "Passport is not an address proof type")]
    [InlineData("Organization:AddressProof:MaxAgeMonths", "0", "1〜12か月", "from 1 to 12 months")]
    public void A_bad_list_of_accepted_ID_documents_stops_start_up(string setting, string value, string japanese, string english)
    {
        // The list feeds the landing page, the forms, the letters and the ID check: a wrong one must not reach members.
        var error = StartUpError(setting, value);
        Assert.Contains("Organization:IdentityDocuments", error.Message, StringComparison.Ordinal);
        Assert.Contains(japanese, error.Message, StringComparison.Ordinal);
        Assert.Contains(english, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_defaults_start_and_the_fee_and_target_reach_the_domain()
    {
        await using var app = Build(new()
        {
            ["Organization:Fee:DisclosureFeeYen"] = "500",
            ["Organization:ResponseTargetDays"] = "10",
            ["StaffSessions:RecheckSeconds"] = "0",
        });
        app.Services.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal(500, app.Services.GetRequiredService<PrivacyDesk.Domain.Fees.FeePolicy>().AmountDueYen(PrivacyDesk.Domain.Requests.RequestFamily.Disclosure));
        Assert.Equal(10, app.Services.GetRequiredService<PrivacyDesk.Domain.Deadlines.DeadlineClock>().TargetDays);
        Assert.Equal(TimeSpan.Zero, app.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Identity.SecurityStampValidatorOptions>>().Value.ValidationInterval);
    }

    [Fact]
    public async Task Every_validator_of_the_app_is_registered_by_the_assembly_scan()
    {
        await using var app = Build([]);
        var validators = typeof(RequestFormValidator).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false } && t != typeof(PersonInputValidator) && t.BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == typeof(AbstractValidator<>))
            .ToList();
        Assert.True(validators.Count >= 10, $"only {validators.Count} validators found");
        await using var scope = app.Services.CreateAsyncScope();
        foreach (var validator in validators)
        {
            var service = typeof(IValidator<>).MakeGenericType(validator.BaseType!.GetGenericArguments()[0]);
            Assert.IsType(validator, scope.ServiceProvider.GetService(service));
        }
    }

    private WebApplication Build(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ApplicationName = typeof(PrivacyDeskHost).Assembly.GetName().Name,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:DataDirectory"] = directory,
            ["Logging:Directory"] = Path.Combine(directory, "logs"),
            ["Logging:Console"] = "false",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddPrivacyDesk();
        return builder.Build();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}
