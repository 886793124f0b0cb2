using System.Net;
using System.Text.Json;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Tests.Infrastructure;
using SixLabors.ImageSharp;

namespace PrivacyDesk.Web.Tests.Requests;

/// <summary>
/// Issue 15 item 3: the 郵便番号→住所 endpoint (known, unknown, malformed) and the form that works without it; the
/// confirmation step showing what will be stored (kana, postcode, phone as normalised) and each attachment by its file
/// name, with a thumbnail served only to the browser that uploaded it; errors in page order, one per field, a refused
/// file named by its attachment.
/// </summary>
public abstract class PostcodeAndConfirmationTests(FormAppFixture app)
{
    [Fact]
    public async Task A_known_postcode_answers_its_prefecture_city_and_town()
    {
        using var client = app.Factory.CreateBrowserClient();
        using var response = await client.GetAsync(new Uri("/postal-codes/1600022", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("東京都", json.RootElement.GetProperty("prefecture").GetString());
        Assert.Equal("新宿区", json.RootElement.GetProperty("city").GetString());
        Assert.Equal("新宿", json.RootElement.GetProperty("town").GetString());
        Assert.Contains("max-age", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);

        // A postcode Japan Post lists without a town (以下に掲載がない場合) leaves the town to the member.
        using var townless = JsonDocument.Parse(await client.GetStringAsync(new Uri("/postal-codes/1000000", UriKind.Relative)));
        Assert.Equal("千代田区", townless.RootElement.GetProperty("city").GetString());
        Assert.Equal(string.Empty, townless.RootElement.GetProperty("town").GetString());
    }

    [Theory]
    [InlineData("0000000")] // no such postcode
    [InlineData("9999999")]
    public async Task An_unknown_postcode_is_404_with_a_JSON_message(string code)
    {
        using var client = app.Factory.CreateBrowserClient();
        using var response = await client.GetAsync(new Uri($"/postal-codes/{code}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("見つかりません", json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("160-0022")]
    [InlineData("160002")]
    [InlineData("16000222")]
    [InlineData("%EF%BC%91%EF%BC%96%EF%BC%90%EF%BC%90%EF%BC%90%EF%BC%92%EF%BC%92")] // １６０００２２: the script converts, the endpoint does not guess
    [InlineData("16O0022")]
    [InlineData("%27%20or%201%3D1")]
    public async Task A_malformed_postcode_is_400(string code)
    {
        using var client = app.Factory.CreateBrowserClient();
        using var response = await client.GetAsync(new Uri($"/postal-codes/{code}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Without_JavaScript_the_address_is_plain_fields_and_the_confirmation_shows_what_is_stored()
    {
        var session = new MemberSession(app.Factory.CreateBrowserClient());
        var form = await session.OpenAsync(RequestFamily.Correction);

        // Plain, enabled fields that a browser without scripts submits as typed; the script only adds a status line.
        var postcode = form.QuerySelector("input#Input_Principal_PostalCode")!;
        Assert.Equal("text", postcode.GetAttribute("type"));
        Assert.Equal("Input.Principal.PostalCode", postcode.GetAttribute("name"));
        Assert.NotNull(postcode.GetAttribute("data-postal-code"));
        foreach (var id in new[] { "Input_Principal_PostalCode", "Input_Principal_Prefecture", "Input_Principal_City", "Input_Principal_AddressLine" })
        {
            var field = form.QuerySelector($"#{id}")!;
            Assert.False(field.HasAttribute("disabled") || field.HasAttribute("readonly"), id);
        }

        Assert.Equal(47, form.QuerySelectorAll("#Input_Principal_Prefecture option[value]:not([value=''])").Length);

        // Typed as people type: kana in hiragana with a full-width space, the postcode in full-width digits.
        var fields = ValidForm.Fields(RequestFamily.Correction, RequesterType.Principal);
        fields["Input.Principal.Phone"] = "０３－５２８５－１７７１";
        var (response, confirmation) = await session.ReviewAsync(RequestFamily.Correction, form, fields, ValidForm.Files(RequesterType.Principal));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(confirmation.QuerySelector(".pd-error-summary"));
        Assert.Equal($"{ValidForm.PrincipalName}（ヤマダ ハナコ）", confirmation.QuerySelector("#confirm-principal-name")?.TextContent.Trim());
        Assert.Equal("〒160-0022 東京都新宿区新宿6-24-20", confirmation.QuerySelector("#confirm-principal-address")?.TextContent.Trim());
        Assert.Contains("03-5285-1771", confirmation.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("１６０－００２２", confirmation.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("やまだ", confirmation.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_confirmation_names_each_attachment_and_its_thumbnail_is_served_only_to_its_owner()
    {
        var owner = new MemberSession(app.Factory.CreateBrowserClient());
        var form = await owner.OpenAsync(RequestFamily.Correction);
        var files = ValidForm.Files(RequesterType.VoluntaryAgent);
        files["PrincipalDocument"] = Upload.Jpeg("免許証_表.jpg");
        var (_, confirmation) = await owner.ReviewAsync(RequestFamily.Correction, form,
            ValidForm.Fields(RequestFamily.Correction, RequesterType.VoluntaryAgent), files);
        Assert.Null(confirmation.QuerySelector(".pd-error-summary"));

        var attachments = confirmation.QuerySelector("#confirm-attachments")!;
        var text = attachments.TextContent;
        Assert.Contains("免許証_表.jpg", text, StringComparison.Ordinal);
        Assert.Contains("inin.pdf", text, StringComparison.Ordinal);
        Assert.Contains("passport.png", text, StringComparison.Ordinal);
        Assert.DoesNotContain("image/jpeg", text, StringComparison.Ordinal);

        // The size shown is the size of the file picked, not of the stored (re-encoded) copy.
        Assert.Contains($"{files["PrincipalDocument"].Bytes.Length / 1024d:0} KB", text, StringComparison.Ordinal);

        // Images have a thumbnail, the PDF has none.
        var thumbnails = attachments.QuerySelectorAll("img.pd-attachment__thumb").Select(img => img.GetAttribute("src")!).ToArray();
        Assert.Equal(2, thumbnails.Length);
        Assert.All(thumbnails, src => Assert.StartsWith("/requests/attachments/", src, StringComparison.Ordinal));

        using (var own = await owner.Client.GetAsync(new Uri(thumbnails[0], UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
            Assert.Equal("image/jpeg", own.Content.Headers.ContentType?.MediaType);
            Assert.Contains("no-store", own.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
            using var image = Image.Load(await own.Content.ReadAsByteArrayAsync());
            Assert.True(image.Width <= 240 && image.Height <= 240, $"{image.Width}x{image.Height}");
        }

        // Think attacker: the URL alone (another browser, a leaked log line), a forged or altered handle: 404.
        using var stranger = app.Factory.CreateBrowserClient();
        await stranger.GetAsync(new Uri("/requests/correction", UriKind.Relative)); // a session of its own
        foreach (var url in new[] { thumbnails[0], "/requests/attachments/" + thumbnails[0].Split('/')[^1][..^2] + "AA", "/requests/attachments/x" })
        {
            using var other = await stranger.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        }

        using (var tampered = await owner.Client.GetAsync(new Uri(thumbnails[0][..^3] + "abc", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, tampered.StatusCode);
        }

        // Filed: the drafts are gone, and so is the thumbnail, even for the owner.
        using var submitted = await owner.ConfirmAsync(RequestFamily.Correction, confirmation);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        using var after = await owner.Client.GetAsync(new Uri(thumbnails[0], UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Fact]
    public async Task Errors_are_listed_in_page_order_one_per_field_and_a_refused_file_names_its_attachment()
    {
        var session = new MemberSession(app.Factory.CreateBrowserClient());
        var form = await session.OpenAsync(RequestFamily.Correction);
        var fields = ValidForm.Fields(RequestFamily.Correction, RequesterType.Principal);
        fields.Remove("Input.Consent");
        fields["Input.DataDescription"] = string.Empty;
        fields["Input.Principal.Phone"] = "12";
        fields["Input.Principal.FullName"] = string.Empty;
        byte[] notAnImage = [.. "this is not a picture"u8];
        var (_, page) = await session.ReviewAsync(RequestFamily.Correction, form, fields,
            new Dictionary<string, Upload> { ["PrincipalDocument"] = new Upload(notAnImage, "scan.jpg", "image/jpeg") });

        var links = page.QuerySelectorAll(".pd-error-summary li a").Select(a => (Href: a.GetAttribute("href")!, Text: a.TextContent)).ToArray();
        Assert.Equal(
            ["#Input_Principal_FullName", "#Input_Principal_Phone", "#Input_DataDescription", "#PrincipalDocument", "#Input_Consent"],
            links.Select(l => l.Href).ToArray());
        var file = Assert.Single(links, l => l.Href == "#PrincipalDocument");
        Assert.StartsWith("本人の本人確認書類：", file.Text, StringComparison.Ordinal);

        // Beside the field too, once.
        Assert.Single(page.QuerySelectorAll("#PrincipalDocument-error"));
    }
}

public sealed class PostcodeAndConfirmationTestsOnSqlite(SqliteFormFixture app) : PostcodeAndConfirmationTests(app), IClassFixture<SqliteFormFixture>;

[Trait("Provider", "Postgres")]
public sealed class PostcodeAndConfirmationTestsOnPostgres(PostgresFormFixture app) : PostcodeAndConfirmationTests(app), IClassFixture<PostgresFormFixture>;
