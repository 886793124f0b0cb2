using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Fees;
using FluentValidation;
using FluentValidation.AspNetCore;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Closing;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Documents;
using PrivacyDesk.Web.Intake;
using PrivacyDesk.Web.Letters;
using PrivacyDesk.Web.Mail;
using PrivacyDesk.Web.Pages.Requests.Form;
using PrivacyDesk.Web.Staff;
using PrivacyDesk.Web.Pages.Staff.Queue;
using PrivacyDesk.Web.Staff.Requests;
using PrivacyDesk.Web.Health;
using PrivacyDesk.Web.Identity;
using Serilog;

using PrivacyDesk.Web.Pages.Staff.Fees;
using PrivacyDesk.Web.PostalCodes;
using PrivacyDesk.Web.Pages.Staff.ThirdPartyRecords;

namespace PrivacyDesk.Web.Hosting;

public static class PrivacyDeskHost
{
    public static readonly CultureInfo[] SupportedCultures = [new("ja-JP"), new("en")];

    public static WebApplicationBuilder AddPrivacyDesk(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

        builder.AddPrivacyDeskLogging();

        services.AddOptions<OrganizationOptions>().BindConfiguration(OrganizationOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OrganizationOptions>, OrganizationOptionsValidator>();
        services.AddHostedService<BankAccountCheck>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new FeePolicy(sp.GetRequiredService<IOptions<OrganizationOptions>>().Value.Fee.DisclosureFeeYen));
        services.AddSingleton(sp => new DeadlineClock(sp.GetRequiredService<IOptions<OrganizationOptions>>().Value.ResponseTargetDays));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<OrganizationOptions>>().Value.IdentityDocumentCatalogue());

        services.AddPrivacyDeskDatabase();
        services.AddScoped<DatabaseMigrator>();
        services.AddScoped<SecretsAtRest>();
        services.AddScoped<ReferenceNumberAllocator>();
        services.AddHttpContextAccessor();
        services.AddScoped<AuditTrail>();
        services.AddScoped<AuditActor>();
        services.AddDocumentStorage();
        services.AddMailOutbox();
        services.AddAbuseProtection();
        services.AddPostalCodes();
        services.AddDeploymentHygiene(builder.Configuration, builder.Environment);
        services.AddStaffIdentity();

        // Validators are injected and called in the handlers (no auto-validation); the adapters emit client-side hints.
        // Every FluentValidation validator of the app, found by assembly scan (internal ones included), so that a new
        // feature folder's validator needs no registration line. PersonInputValidator is a child validator that the
        // form's validator builds per role (principal, agent), not a service.
        services.AddValidatorsFromAssemblyContaining<RequestFormValidator>(ServiceLifetime.Scoped,
            r => r.ValidatorType != typeof(PersonInputValidator), includeInternalTypes: true);

        // The request form's rules are built once: built per request (the scan's lifetime) their expression trees and
        // compiled delegates took most of the CPU of a member's form GET, which never validates (docs/benchmarks/pages.md).
        // The validator keeps nothing of a request: its messages, culture and "today" are read when it validates.
        services.AddSingleton<IValidator<RequestFormInput>, RequestFormValidator>();
        services.AddFluentValidationClientsideAdapters();
        services.AddScoped<UploadDraftStore>();
        services.AddSingleton<PrivacyDesk.Web.Pages.Requests.Form.AttachmentPreview>();
        services.AddOptions<UploadDraftOptions>().BindConfiguration(UploadDraftOptions.Section).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<UploadDraftOptions>, UploadDraftOptionsValidator>();
        services.AddSingleton<UploadDraftQuota>();
        services.AddSingleton<UploadDraftCleanup>();
        services.AddHostedService(sp => sp.GetRequiredService<UploadDraftCleanup>());
        services.AddScoped<AcknowledgementMail>();
        services.AddScoped<RequestIntake>();
        services.AddScoped<Pages.Requests.Resubmission.DocumentResubmission>();
        services.AddStaffQueue();
        services.AddStaffRequests();
        services.AddClosingNotices();
        services.AddLetters();
        services.AddAuditing();
        services.AddStaffManagement();
        services.AddFees();
        services.AddThirdPartyRecords();
        services.AddScoped<Pages.Staff.Mail.FailedMail>();

        // Antiforgery and auth cookies must survive restarts and work across instances: keys live in the database,
        // sealed under the documents' master key (not in the database), so that a copy of the database mints no cookie.
        services.AddDataProtection().SetApplicationName("PrivacyDesk").PersistKeysToDbContext<PrivacyDeskDbContext>()
            .ProtectKeysWithMasterKey();

        // Japanese must reach the browser as text, not as &#x...; entities.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddSingleton<Microsoft.Extensions.Localization.ResourceManagerStringLocalizerFactory>();
        services.AddSingleton<Microsoft.Extensions.Localization.IStringLocalizerFactory, CachedStringLocalizerFactory>();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("ja-JP");
            o.SupportedCultures = SupportedCultures;
            o.SupportedUICultures = SupportedCultures;
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });

        services.AddRazorPages(StaffIdentityRegistration.ProtectStaffFolder).AddViewLocalization().AddDataAnnotationsLocalization()
            .AddMvcOptions(o => o.ModelBinderProviders.Insert(0, new FullWidthNumberBinderProvider()));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "pd.af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);

        // Hosted services start side by side instead of one after another (docs/benchmarks/startup.md): the host awaits
        // their StartAsync tasks together, so work a service does in its returned task overlaps the others and Kestrel's
        // start (work done before StartAsync returns, as LetterFontCheck's font loading today, still holds the others).
        // Migrations are applied before the host starts (PrepareDatabaseAsync), so readiness keeps its meaning; every
        // service a request needs is a DI singleton built on first use, and a StartAsync that fails still stops the host.
        services.Configure<HostOptions>(o => o.ServicesStartConcurrently = true);
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        return builder;
    }

    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (!options.MigrateOnStartup)
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync();
    }

    public static WebApplication UsePrivacyDesk(this WebApplication app)
    {
        app.UseDeploymentHygiene();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/Error",

                // A store failure the execution strategy could not retry away rolled its transaction back: 503 and the
                // "nothing was stored, please send again" page, not a 500.
                StatusCodeSelector = ex => StoreResilience.IsStoreFailure(ex) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError,
            });
            app.UseHsts();
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseRequestLocalization();
        app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        app.UseSerilogRequestLogging(o =>
        {
            // This host's own logger (the static Log.Logger is not used, see LoggingSetup).
            o.Logger = app.Services.GetRequiredService<Serilog.ILogger>();

            // Only the path: query strings can carry a status-link token.
            o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
        });
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        app.MapRazorPages();
        app.MapPostalCodes();
        PrivacyDesk.Web.Pages.Requests.Form.AttachmentPreview.MapAttachmentPreview(app);
        return app;
    }
}
