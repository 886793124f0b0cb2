using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using PrivacyDesk.Domain;
using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Intake;

namespace PrivacyDesk.Web.Pages.Requests.Form;

/// <summary>
/// The member's request form for the three families, at the stable URLs printed on letters:
/// /requests/disclosure, /requests/correction and /requests/stop-use. Fill in → 入力内容の確認 → submit → receipt.
/// Uploads are checked and kept as encrypted drafts as soon as they arrive, so that nothing is typed or uploaded twice
/// when the form comes back with errors or the member goes back from the confirmation step.
/// The draft store and the intake (both built on a DbContext) are handler parameters ([FromServices]), not constructor
/// dependencies: a GET of the blank form builds no DbContext (docs/benchmarks/pages.md, session 8).
/// </summary>
public class RequestFormPageModel(
    IValidator<RequestFormInput> validator,
    IDataProtectionProvider dataProtection,
    IOptions<OrganizationOptions> organization,
    AttachmentPreview preview,
    ILogger<RequestFormPageModel> logger) : PageModel
{
    private const string StatePurpose = "PrivacyDesk.RequestForm.State.v2";

    /// <summary>
    /// A random value per browser, kept in an HttpOnly cookie and sealed into the confirmation state, so that the state
    /// only files from the browser that made it (posted from another browser, with that browser's own antiforgery pair,
    /// it is refused). The cookie lives for the browser session.
    /// </summary>
    public const string BrowserCookieName = "pd.form";

    /// <summary>The URL segment of each family's form.</summary>
    public static readonly IReadOnlyDictionary<string, RequestFamily> Slugs = new Dictionary<string, RequestFamily>
    {
        ["disclosure"] = RequestFamily.Disclosure,
        ["correction"] = RequestFamily.Correction,
        ["stop-use"] = RequestFamily.StopUse,
    };

    public RequestFamily Family =>
        RouteData.Values["family"] is string slug && Slugs.TryGetValue(slug, out var family)
            ? family
            : throw new InvalidOperationException("The route constrains the family segment.");

    [BindProperty]
    public RequestFormInput Input { get; set; } = new();

    /// <summary>The checked form, sealed with Data Protection, carried by the confirmation step.</summary>
    [BindProperty]
    public string? State { get; set; }

    [BindProperty]
    public IFormFile? PrincipalDocument { get; set; }

    [BindProperty]
    public IFormFile? AuthorityDocument { get; set; }

    [BindProperty]
    public IFormFile? AgentDocument { get; set; }

    /// <summary>住民票の写し or a utility bill, beside a person's ID without an address.</summary>
    [BindProperty]
    public IFormFile? PrincipalAddressProof { get; set; }

    [BindProperty]
    public IFormFile? AgentAddressProof { get; set; }

    public IReadOnlyList<UploadDraft> Uploaded { get; private set; } = [];

    /// <summary>The names of the uploaded files (drafts store none), sealed for this browser; see <see cref="AttachmentPreview"/>.</summary>
    [BindProperty]
    public string? AttachmentNames { get; set; }

    /// <summary>What the member picked for each draft (by draft id): the file's name and size on their device.</summary>
    public IReadOnlyDictionary<Guid, AttachmentName> Names { get; private set; } = new Dictionary<Guid, AttachmentName>();

    public bool Confirming { get; private set; }

    /// <summary>Set when bidirectional or zero-width characters were removed from the free text at this step.</summary>
    public bool RemovedInvisibleCharacters { get; private set; }

    public OrganizationOptions Organization => organization.Value;

    public Label FamilyLabel => Labels.Family(Family);

    public string Title => Localized.Text(FamilyLabel) + (Confirming ? Localized.Text("（入力内容の確認）", " (review)") : string.Empty);

    public IReadOnlyList<RequestKind> FamilyKinds => RequestKinds.Of(Family);

    public UploadDraft? UploadedFor(DocumentRole role) => Uploaded.FirstOrDefault(d => d.Role == role);

    public AttachmentName? NameOf(DocumentRole role) => UploadedFor(role) is { } draft ? Names.GetValueOrDefault(draft.Id) : null;

    /// <summary>
    /// Errors for the summary at the top, in the order of the fields on the page, one per field (the first problem, as
    /// beside the field: a refused file is not also reported as missing), each with the id of the field it belongs to;
    /// a document's error names its attachment.
    /// </summary>
    public IEnumerable<(string FieldId, string Message)> ErrorSummary =>
        ModelState
            .Where(entry => entry.Value is { Errors.Count: > 0 })
            .OrderBy(entry => PageOrder(entry.Key))
            .Select(entry => (FieldId(entry.Key), NamedForSummary(entry.Key, entry.Value!.Errors[0].ErrorMessage)));

    /// <summary>The form's fields from top to bottom (a person's fields in <see cref="PersonFieldOrder"/>).</summary>
    private static readonly string[] FieldOrder =
    [
        string.Empty, "Input.ReceivedOn", "Input.Kinds", "Input.RequesterType", "Input.Principal", "Input.Agent",
        "Input.DataDescription", "Input.CurrentContent", "Input.CorrectContent", "Input.StopGrounds", "Input.StopGroundDetail",
        "Input.Delivery", "Input.PrincipalDocumentType", nameof(PrincipalDocument), "Input.AuthorityDocumentType",
        nameof(AuthorityDocument), "Input.AuthorityIssuedOn", "Input.AgentDocumentType", nameof(AgentDocument), "Input.Consent",
    ];

    private static readonly string[] PersonFieldOrder = typeof(PersonInput).GetProperties().Select(p => p.Name).ToArray();

    internal static int PageOrder(string key)
    {
        for (var i = FieldOrder.Length - 1; i >= 0; i--)
        {
            var field = FieldOrder[i];
            if (key == field || (field.Length > 0 && key.StartsWith(field + ".", StringComparison.Ordinal)))
            {
                var rest = key.Length > field.Length ? key[(field.Length + 1)..] : string.Empty;
                var sub = field is "Input.Principal" or "Input.Agent" ? Array.IndexOf(PersonFieldOrder, rest.Split('.')[0]) : 0;
                return i * 100 + (sub < 0 ? 99 : sub);
            }
        }

        return int.MaxValue;
    }

    private static string NamedForSummary(string key, string message)
    {
        DocumentRole? role = key switch
        {
            nameof(PrincipalDocument) or "Input.PrincipalDocumentType" => DocumentRole.PrincipalIdentity,
            nameof(AuthorityDocument) or "Input.AuthorityDocumentType" or "Input.AuthorityIssuedOn" => DocumentRole.Authority,
            nameof(AgentDocument) or "Input.AgentDocumentType" => DocumentRole.AgentIdentity,
            _ => null,
        };
        return role is { } r ? Localized.Text($"{Labels.DocumentRole(r).Japanese}：{message}", $"{Labels.DocumentRole(r).English}: {message}") : message;
    }

    /// <summary>The person as it will be stored (normalised by the domain), or null when the entries do not make one.</summary>
    public static Person? AsStored(PersonInput input, PartyRole role)
    {
        try
        {
            return RequestIntake.ToPerson(input, role);
        }
        catch (Exception ex) when (ex is DomainRuleException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The thumbnail URL of an image draft for this browser, or null (a PDF, or no form secret yet).</summary>
    public string? ThumbnailUrl(UploadDraft draft) =>
        AttachmentPreview.HasThumbnail(draft) && BrowserSecret(create: false) is { } secret && secret != NoSecret
            ? preview.ThumbnailUrl(draft, secret)
            : null;

    /// <summary>
    /// The browser came back to the confirmation step's history entry (from the receipt, say): the confirmation page
    /// replaces its POST entry with this GET URL (request-form.js), so that going back never shows ERR_CACHE_MISS.
    /// </summary>
    public bool CameBackFromReview { get; private set; }

    public const string CameBackQuery = "reviewed";

    public void OnGet()
    {
        CameBackFromReview = Request.Query.ContainsKey(CameBackQuery);
        Input = new RequestFormInput { DraftKey = UploadDraftStore.NewKey() };
        blankGet = true;
    }

    private bool blankGet;

    /// <summary>
    /// The form exactly as <see cref="OnGet"/> shows it: a new empty input (nothing is bound on a GET), no errors, nothing
    /// uploaded. Then everything inside the form but the draft key and the sealed names is the same for every visitor of
    /// one family and channel on one day in one UI culture, and <c>_RequestForm</c> renders it once per such key (the
    /// cache tag helper, docs/benchmarks/pages.md, session 10). The draft key, the sealed names and the antiforgery token
    /// are outside the cached part and made per response; a form back with errors or with values (any POST) is never
    /// served from it.
    /// </summary>
    public bool ShowsBlankForm => blankGet && !Confirming && ModelState.Count == 0 && Uploaded.Count == 0;

    /// <summary>How long an unused blank-form fragment stays in memory; the day in its key retires yesterday's.</summary>
    public static TimeSpan BlankFormLifetime { get; } = TimeSpan.FromHours(1);

    /// <summary>
    /// What the blank form's cached part depends on besides the culture (which the cache tag helper adds itself): the
    /// family, the channel, and the day in Japan (the accepted identity documents and the lapsed-card notices change with it).
    /// </summary>
    public string BlankFormKey(DateOnly today) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Family}|{Channel}|{today:yyyy-MM-dd}");

    /// <summary>「入力内容を確認する」: store the uploads, validate, and show the confirmation step or the errors.</summary>
    public async Task<IActionResult> OnPostReviewAsync([FromServices] UploadDraftStore drafts, CancellationToken cancellationToken)
    {
        if (IsBot())
        {
            return BotRefused();
        }

        ModelState.Clear();
        RemovedInvisibleCharacters = Input.RemoveInvisibleControls();
        Input.DraftKey = UploadDraftStore.IsWellFormedKey(Input.DraftKey) ? Input.DraftKey : UploadDraftStore.NewKey();
        await StoreUploadAsync(drafts, DocumentRole.PrincipalIdentity, PrincipalDocument, nameof(PrincipalDocument), cancellationToken);
        await StoreUploadAsync(drafts, DocumentRole.PrincipalAddressProof, PrincipalAddressProof, nameof(PrincipalAddressProof), cancellationToken);
        if (Input.HasAgent)
        {
            await StoreUploadAsync(drafts, DocumentRole.Authority, AuthorityDocument, nameof(AuthorityDocument), cancellationToken);
            await StoreUploadAsync(drafts, DocumentRole.AgentIdentity, AgentDocument, nameof(AgentDocument), cancellationToken);
            await StoreUploadAsync(drafts, DocumentRole.AgentAddressProof, AgentAddressProof, nameof(AgentAddressProof), cancellationToken);
        }

        Uploaded = await drafts.ListAsync(Input.DraftKey, Client, cancellationToken);
        KeepNames((DocumentRole.PrincipalIdentity, PrincipalDocument, nameof(PrincipalDocument)),
            (DocumentRole.Authority, AuthorityDocument, nameof(AuthorityDocument)),
            (DocumentRole.AgentIdentity, AgentDocument, nameof(AgentDocument)));
        if (!ModelState.IsValid | !await ValidateAsync(cancellationToken))
        {
            return Page();
        }

        State = dataProtection.CreateProtector(StatePurpose, BrowserSecret(create: true)).Protect(JsonSerializer.Serialize(Input));
        Confirming = true;
        return Page();
    }

    /// <summary>「修正する」: back from the confirmation step to the filled-in form.</summary>
    public async Task<IActionResult> OnPostEditAsync([FromServices] UploadDraftStore drafts, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (!TryRestoreState())
        {
            return RedirectToPage();
        }

        Uploaded = await drafts.ListAsync(Input.DraftKey, Client, cancellationToken);
        KeepNames();
        return Page();
    }

    /// <summary>「この内容で請求する」: validate again (never trust the round trip) and file the request.</summary>
    public async Task<IActionResult> OnPostSubmitAsync([FromServices] UploadDraftStore drafts, [FromServices] RequestIntake intake, CancellationToken cancellationToken)
    {
        if (IsBot())
        {
            return BotRefused();
        }

        ModelState.Clear();
        if (!TryRestoreState())
        {
            ModelState.AddModelError(string.Empty, Localized.Text(
                "入力内容の有効期限が切れたか、内容を確認できませんでした（別のブラウザーで確認した内容は送信できません）。請求は登録されていません。お手数ですが、もう一度入力内容を確認してください。",
                "The form expired or could not be verified (a form reviewed in another browser cannot be sent from this one). Nothing was filed. Please review your entries again."));
            return Page();
        }

        Uploaded = await drafts.ListAsync(Input.DraftKey, Client, cancellationToken, withContent: true);
        KeepNames();
        if (!await ValidateAsync(cancellationToken))
        {
            return Page();
        }

        try
        {
            var receipt = await intake.SubmitAsync(Family, Input, Channel, ReceivedAt(), Uploaded, Actor, cancellationToken);
            drafts.Forget(Client, Uploaded);
            return Filed(receipt);
        }
        catch (DomainRuleException ex)
        {
            ModelState.AddModelError(string.Empty, Localized.Message(ex));
            return Page();
        }
        catch (Exception ex) when (StoreResilience.IsStoreFailure(ex))
        {
            // The store failed even after the execution strategy's retries (a lock or command timeout, a lost connection,
            // SQLite busy): the transaction was rolled back, so nothing was filed, no mail queued and no draft removed.
            // Never silent and never a 500: 503 with the confirmation step again, so that one press sends the same entries.
            logger.LogError(ex, "Filing a {Family} request failed; nothing was stored", Family);
            ModelState.AddModelError(string.Empty, NothingStoredMessage);
            Confirming = true;
            Response.Headers.RetryAfter = "5";
            var page = Page();
            page.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return page;
        }
    }

    /// <summary>The answer when the store failed: nothing was stored, the entries are kept, send again.</summary>
    public static string NothingStoredMessage => Localized.Text(
        "申し訳ありません。一時的な問題により、請求を受け付けられませんでした（請求は登録されていません）。入力内容はそのまま残っていますので、少し時間をおいてもう一度送信してください。",
        "Sorry, because of a temporary problem the request could not be filed (nothing was stored). Your entries are kept; please wait a moment and send them again.");

    private async Task StoreUploadAsync(UploadDraftStore drafts, DocumentRole role, IFormFile? file, string field, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            return;
        }

        var result = await drafts.SaveAsync(Input.DraftKey!, role, file, Client, cancellationToken);
        if (result is not null)
        {
            ModelState.AddModelError(field, result);
        }
    }

    /// <summary>
    /// Keeps the names of the live drafts from the sealed field, adds the files accepted in this post, and seals the
    /// result again for the page (names of replaced or expired drafts drop out).
    /// </summary>
    private void KeepNames(params (DocumentRole Role, IFormFile? File, string Field)[] posted)
    {
        var secret = BrowserSecret(create: true);
        var names = preview.OpenNames(AttachmentNames, secret);
        foreach (var (role, file, field) in posted)
        {
            if (file is { Length: > 0 } && !ModelState.ContainsKey(field) && Uploaded.FirstOrDefault(d => d.Role == role) is { } draft)
            {
                names[draft.Id] = new AttachmentName(AttachmentPreview.SafeName(file.FileName), file.Length);
            }
        }

        Names = names.Where(entry => Uploaded.Any(d => d.Id == entry.Key)).ToDictionary();
        AttachmentNames = preview.SealNames(Names.ToDictionary(), secret);
    }

    private async Task<bool> ValidateAsync(CancellationToken cancellationToken)
    {
        Input.Channel = Channel;
        var context = new ValidationContext<RequestFormInput>(Input);
        context.RootContextData[RequestFormValidator.ContextKey] =
            new RequestFormContext(Family, Uploaded.Select(u => u.Role).ToHashSet(), Channel);
        var result = await validator.ValidateAsync(context, cancellationToken);
        foreach (var error in result.Errors)
        {
            var key = (error.PropertyName.EndsWith("Document", StringComparison.Ordinal) || error.PropertyName.EndsWith("AddressProof", StringComparison.Ordinal))
                      && !error.PropertyName.Contains('.', StringComparison.Ordinal)
                ? error.PropertyName
                : $"{nameof(Input)}.{error.PropertyName}";
            // One problem per field: a file refused on arrival is not also reported as missing.
            if (ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 && key.EndsWith("Document", StringComparison.Ordinal))
            {
                continue;
            }

            ModelState.AddModelError(key, error.ErrorMessage);
        }

        return result.IsValid;
    }

    /// <summary>
    /// This browser's secret for sealing the state (see <see cref="BrowserCookieName"/>); with <paramref name="create"/>,
    /// a new one is issued when the browser has none. A browser without one gets a value that opens no state.
    /// </summary>
    private string BrowserSecret(bool create)
    {
        if (browserSecret is not null)
        {
            return browserSecret;
        }

        if (ExistingBrowserSecret(Request) is { } existing)
        {
            return browserSecret = existing;
        }

        if (!create)
        {
            return NoSecret;
        }

        var secret = Microsoft.AspNetCore.WebUtilities.Base64UrlTextEncoder.Encode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        Response.Cookies.Append(BrowserCookieName, secret, new CookieOptions
        {
            Path = "/",
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = Request.IsHttps,
        });
        return browserSecret = secret;
    }

    private const string NoSecret = "none";

    /// <summary>Issued in this request, so that a second call does not issue another (the cookie is not readable yet).</summary>
    private string? browserSecret;

    /// <summary>The browser's form secret from its cookie, or null.</summary>
    internal static string? ExistingBrowserSecret(HttpRequest request) =>
        request.Cookies.TryGetValue(BrowserCookieName, out var secret) && secret is { Length: 43 } ? secret : null;

    private bool TryRestoreState()
    {
        try
        {
            // The secret is part of the protector's purpose: a state sealed for another browser does not open here.
            var json = dataProtection.CreateProtector(StatePurpose, BrowserSecret(create: false)).Unprotect(State ?? string.Empty);
            Input = JsonSerializer.Deserialize<RequestFormInput>(json) ?? new RequestFormInput();
            return UploadDraftStore.IsWellFormedKey(Input.DraftKey);
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or JsonException or FormatException)
        {
            return false;
        }
    }

    /// <summary>Online: the member. Postal intake (a subclass) keys in paper forms for staff.</summary>
    public virtual Channel Channel => Channel.Online;

    /// <summary>Who files: the member online, the signed-in staff user for post.</summary>
    protected virtual string Actor => PrivacyRequest.MemberActor;

    /// <summary>When the request reached the co-op: now, online; the arrival date of the letter, by post.</summary>
    protected virtual DateTimeOffset ReceivedAt() => DateTimeOffset.UtcNow;

    /// <summary>Where the browser goes once the request is filed.</summary>
    protected virtual IActionResult Filed(IntakeReceipt receipt)
    {
        TempData[ReceiptModel.TempDataKey] = JsonSerializer.Serialize(receipt);
        return RedirectToPage("/Requests/Receipt");
    }

    /// <summary>Whose quota the form's uploads count against: the client address, read in one place.</summary>
    private string Client => UploadDraftQuota.ClientKey(HttpContext);

    private bool IsBot() => Channel == Channel.Online && !string.IsNullOrEmpty(Input.Website);

    private BadRequestResult BotRefused()
    {
        logger.LogWarning("Form post refused: the honeypot field was filled in");
        return BadRequest();
    }

    public static string FieldId(string key) =>
        key.Replace('.', '_').Replace('[', '_').Replace(']', '_');
}
