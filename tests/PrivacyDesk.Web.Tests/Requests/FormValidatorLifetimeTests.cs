using System.Globalization;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.People;
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

    [Fact]
    public async Task The_person_rules_are_built_once_and_chosen_per_validation()
    {
        var validator = Assert.IsType<RequestFormValidator>(
            await app.WithScopeAndReturnAsync(services => Task.FromResult(services.GetRequiredService<IValidator<RequestFormInput>>())));

        // One instance per role and email requirement, made in the constructor, not one per validation.
        Assert.Same(validator.PersonValidator(PersonRole.Principal, requireEmail: true), validator.PersonValidator(PersonRole.Principal, requireEmail: true));
        Assert.NotSame(validator.PersonValidator(PersonRole.Principal, requireEmail: true), validator.PersonValidator(PersonRole.Principal, requireEmail: false));

        // Which one applies is decided by each validation's input: a member filing alone must give an email (the
        // acknowledgement goes there); with an agent, the agent must and the principal need not. Alternated, so that a
        // choice left over from the previous validation would show.
        var original = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("ja-JP");
            var alone = await ErrorKeysAsync(validator, RequesterType.Principal);
            var withAgent = await ErrorKeysAsync(validator, RequesterType.VoluntaryAgent);
            var aloneAgain = await ErrorKeysAsync(validator, RequesterType.Principal);
            Assert.Contains("Principal.Email", alone.Keys);
            Assert.DoesNotContain("Agent.Email", alone.Keys);
            Assert.DoesNotContain("Principal.Email", withAgent.Keys);
            Assert.Contains("Agent.Email", withAgent.Keys);
            Assert.Equal(alone.Keys.Order(), aloneAgain.Keys.Order());

            // The shared person rules answer in the language of the validation that runs them, with the role's wording.
            Assert.Equal("ご本人のメールアドレスを入力してください（受付のお知らせをお送りします）。", alone["Principal.Email"]);
            CultureInfo.CurrentUICulture = new CultureInfo("en");
            var english = await ErrorKeysAsync(validator, RequesterType.VoluntaryAgent);
            Assert.Equal("the agent's email is required (we send the acknowledgement there).", english["Agent.Email"]);
        }
        finally
        {
            CultureInfo.CurrentUICulture = original;
        }
    }

    private static async Task<Dictionary<string, string>> ErrorKeysAsync(IValidator<RequestFormInput> validator, RequesterType requester)
    {
        var context = new ValidationContext<RequestFormInput>(new RequestFormInput { RequesterType = requester });
        context.RootContextData[RequestFormValidator.ContextKey] = new RequestFormContext(RequestFamily.Disclosure, new HashSet<PrivacyDesk.Domain.Documents.DocumentRole>());
        var result = await validator.ValidateAsync(context);
        return result.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.First().ErrorMessage);
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
