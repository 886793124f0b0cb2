namespace PrivacyDesk.Tools;

/// <summary>
/// A baseline for the intake benchmark: an endpoint that only receives and parses the same multipart body as the
/// request form, so that intake can be reported as a ratio of what this machine's HTTP stack manages at all.
/// Mapped only by the tools' <c>bench-host</c>: the product has no such endpoint.
/// </summary>
public static class BenchmarkEndpoints
{
    public static WebApplication MapBenchmarkEndpoints(this WebApplication app)
    {
        app.MapPost("/bench/echo", async (HttpRequest request, CancellationToken cancellationToken) =>
        {
            var form = await request.ReadFormAsync(cancellationToken);
            long bytes = 0;
            foreach (var file in form.Files)
            {
                await using var stream = file.OpenReadStream();
                var buffer = new byte[81920];
                int read;
                while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    bytes += read;
                }
            }

            return Results.Text($"{form.Count} fields, {form.Files.Count} files, {bytes} bytes");
        }).DisableAntiforgery();
        return app;
    }
}
