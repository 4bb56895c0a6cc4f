using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpaceTestBench.Cli.Facility;

/// <summary>The control node's HTTP API, for the <c>spacebench facility</c> verbs; remembers the login in the user's config folder.</summary>
internal sealed class FacilityClient(Uri facility, string token) : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() }, WriteIndented = true };

    private readonly HttpClient http = new() { BaseAddress = facility, Timeout = Timeout.InfiniteTimeSpan, DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };

    public Uri Facility => facility;

    /// <summary>Where <c>facility login</c> keeps the address and token.</summary>
    public static string LoginFile =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.Create), "spacebench", "facility.json");

    /// <summary>From --facility/--token, else SPACEBENCH_FACILITY/SPACEBENCH_TOKEN, else the login file; null (with the reason) when none says.</summary>
    public static FacilityClient? Resolve(string? url, string? token, out string? problem)
    {
        url ??= Environment.GetEnvironmentVariable("SPACEBENCH_FACILITY");
        token ??= Environment.GetEnvironmentVariable("SPACEBENCH_TOKEN");
        if ((url is null || token is null) && File.Exists(LoginFile))
        {
            var saved = JsonSerializer.Deserialize<Login>(File.ReadAllText(LoginFile), Json);
            url ??= saved?.Facility;
            token ??= saved?.Token;
        }

        if (url is null || token is null)
        {
            problem = "No facility to talk to: give --facility URL --token TOKEN, set SPACEBENCH_FACILITY and SPACEBENCH_TOKEN, or run 'spacebench facility login'.";
            return null;
        }

        problem = null;
        return new FacilityClient(new Uri(url.EndsWith('/') ? url : url + "/"), token);
    }

    public static void SaveLogin(Uri facility, string token)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(LoginFile)!);
        File.WriteAllText(LoginFile, JsonSerializer.Serialize(new Login(facility.ToString(), token), Json));
        if (!OperatingSystem.IsWindows())
        {
            // A bearer token is a password: readable by its owner only.
            File.SetUnixFileMode(LoginFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, json);
    }

    public Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    public void Dispose() => http.Dispose();

    private sealed record Login(string Facility, string Token);
}
