using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Tests.Infrastructure;
using PrivacyDesk.Web.Tests.Requests;

namespace PrivacyDesk.Web.Tests.Staff.Intake;

/// <summary>郵送受付: staff key in a paper request with the online form's rules, the scans, and the arrival date.</summary>
public abstract class PostalIntakeTests(AppFixture app)
{
    private static readonly DateOnly Arrived = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)).AddDays(-3);

    private static Dictionary<string, string> PaperForm(RequestFamily family, RequesterType type)
    {
        var fields = ValidForm.Fields(family, type);

        // A paper form may carry no email, and its signature stands for the consent box.
        fields.Remove("Input.Principal.Email");
        fields.Remove("Input.Agent.Email");
        fields.Remove("Input.Consent");
        fields["Input.ReceivedOn.Year"] = Arrived.Year.ToString(CultureInfo.InvariantCulture);
        fields["Input.ReceivedOn.Month"] = Arrived.Month.ToString(CultureInfo.InvariantCulture);
        fields["Input.ReceivedOn.Day"] = Arrived.Day.ToString(CultureInfo.InvariantCulture);
        return fields;
    }

    [Theory]
    [InlineData(RequestFamily.Disclosure, RequesterType.LegalRepresentative)]
    [InlineData(RequestFamily.Correction, RequesterType.Principal)]
    [InlineData(RequestFamily.StopUse, RequesterType.VoluntaryAgent)]
    public async Task Staff_key_in_a_posted_request_with_its_scans_and_arrival_date(RequestFamily family, RequesterType type)
    {
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        var session = new MemberSession(staff.Client, "/staff/intake");
        var form = await session.OpenAsync(family);
        Assert.NotNull(form.QuerySelector("#Input_ReceivedOn_Year"));
        Assert.Null(form.QuerySelector("#Input_Consent_Check"));

        var (review, confirmation) = await session.ReviewAsync(family, form, PaperForm(family, type), ValidForm.Files(type));
        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
        Assert.Null(confirmation.QuerySelector(".pd-error-summary"));
        using var filed = await session.ConfirmAsync(family, confirmation);
        Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);
        var location = filed.Headers.Location!.OriginalString;
        Assert.StartsWith("/staff/intake?filed=PD-", location, StringComparison.Ordinal);
        var reference = Uri.UnescapeDataString(location[(location.IndexOf('=', StringComparison.Ordinal) + 1)..]);

        var done = await staff.Client.GetDocumentAsync(location);
        Assert.Contains(reference, done.QuerySelector("#filed")?.TextContent, StringComparison.Ordinal);

        var stored = await app.WithDbAsync(db => db.Requests.Include(r => r.StatusHistory).Include(r => r.Documents)
            .SingleAsync(r => r.ReferenceNumber == reference));
        Assert.Equal(Channel.Post, stored.Channel);
        Assert.Equal(type, stored.RequesterType);
        Assert.Equal(new DateTimeOffset(Arrived.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(9)), stored.ReceivedAt);
        Assert.Equal(staff.UserId, Assert.Single(stored.StatusHistory).Actor);
        Assert.Empty(stored.MissingDocuments());
        Assert.False(await app.WithDbAsync(db => db.Outbox.AnyAsync(m => m.RequestId == stored.Id)));
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.RequestId == stored.Id && e.Action == "request.submitted" && e.ActorId == staff.UserId)));
    }

    [Theory]
    [InlineData(null, "到着日を正しく入力してください。")]
    [InlineData("2099", "到着日に未来の日付は入力できません。")]
    [InlineData("2020", "到着日が1年以上前になっています。日付を確認してください。")]
    public async Task The_arrival_date_is_required_and_checked(string? year, string message)
    {
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        var session = new MemberSession(staff.Client, "/staff/intake");
        var fields = PaperForm(RequestFamily.Disclosure, RequesterType.Principal);
        if (year is null)
        {
            fields.Remove("Input.ReceivedOn.Year");
        }
        else
        {
            fields["Input.ReceivedOn.Year"] = year;
        }

        var before = await app.WithDbAsync(db => db.Requests.CountAsync());
        var (_, page) = await session.ReviewAsync(RequestFamily.Disclosure, await session.OpenAsync(RequestFamily.Disclosure), fields, ValidForm.Files(RequesterType.Principal));
        Assert.Contains(message, page.QuerySelector(".pd-error-summary")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => db.Requests.CountAsync()));
    }

    [Fact]
    public async Task Auditors_cannot_key_in_requests_and_anonymous_users_are_sent_to_sign_in()
    {
        using var auditor = await StaffSignIn.SignInAsync(app, StaffRoles.Auditor);
        using var refused = await auditor.Client.GetAsync(new Uri("/staff/intake/disclosure", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/staff/account/access-denied", StaffSignIn.Location(refused), StringComparison.Ordinal);

        using var anonymous = app.Factory.CreateBrowserClient();
        using var response = await anonymous.GetAsync(new Uri("/staff/intake/disclosure", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/staff/account/sign-in", StaffSignIn.Location(response), StringComparison.Ordinal);
    }
}

public sealed class PostalIntakeTestsOnSqlite(StaffSqliteAppFixture app) : PostalIntakeTests(app), IClassFixture<StaffSqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class PostalIntakeTestsOnPostgres(StaffPostgresAppFixture app) : PostalIntakeTests(app), IClassFixture<StaffPostgresAppFixture>;
