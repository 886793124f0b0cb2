using System.Globalization;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Pages.Requests.Form;
using PrivacyDesk.Web.Tests.Infrastructure;

namespace PrivacyDesk.Web.Tests.Requests;

/// <summary>
/// The request form's validator is built once per app (building its rules per request cost the form GET most of its
/// CPU, docs/benchmarks/pages.md), so it must keep nothing of one request for the next: each validation answers in the
/// language of its own request and judges dates against its own "today".
/// </summary>
public abstract class FormValidatorLifetimeTests(FormAppFixture app)
{
    [Fact]
    public async Task The_form_validator_is_one_instance_for_every_request()
    {
        var first = await app.WithScopeAndReturnAsync(services => Task.FromResult(services.GetRequiredService<IValidator<RequestFormInput>>()));
        var second = await app.WithScopeAndReturnAsync(services => Task.FromResult(services.GetRequiredService<IValidator<RequestFormInput>>()));
        Assert.IsType<RequestFormValidator>(first);
        Assert.Same(first, second);
    }

    [Fact]
    public async Task The_one_validator_answers_each_validation_in_its_own_language()
    {
        var validator = await app.WithScopeAndReturnAsync(services => Task.FromResult(services.GetRequiredService<IValidator<RequestFormInput>>()));
        var original = CultureInfo.CurrentUICulture;
        try
        {
            var japanese = await KindsMessageAsync(validator, "ja-JP");
            var english = await KindsMessageAsync(validator, "en");
            var japaneseAgain = await KindsMessageAsync(validator, "ja-JP");
            Assert.Equal("請求の種類を1つ以上選んでください。", japanese);
            Assert.Equal("Choose at least one kind of request.", english);
            Assert.Equal(japanese, japaneseAgain);
        }
        finally
        {
            CultureInfo.CurrentUICulture = original;
        }
    }

    private static async Task<string?> KindsMessageAsync(IValidator<RequestFormInput> validator, string culture)
    {
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        var context = new ValidationContext<RequestFormInput>(new RequestFormInput());
        context.RootContextData[RequestFormValidator.ContextKey] = new RequestFormContext(RequestFamily.Disclosure, new HashSet<PrivacyDesk.Domain.Documents.DocumentRole>());
        var result = await validator.ValidateAsync(context);
        return result.Errors.FirstOrDefault(e => e.PropertyName == nameof(RequestFormInput.Kinds))?.ErrorMessage;
    }
}

public sealed class FormValidatorLifetimeTestsOnSqlite(SqliteFormFixture app) : FormValidatorLifetimeTests(app), IClassFixture<SqliteFormFixture>;

[Trait("Provider", "Postgres")]
public sealed class FormValidatorLifetimeTestsOnPostgres(PostgresFormFixture app) : FormValidatorLifetimeTests(app), IClassFixture<PostgresFormFixture>;
