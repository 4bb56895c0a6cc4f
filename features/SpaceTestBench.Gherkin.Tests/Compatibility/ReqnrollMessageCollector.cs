using Io.Cucumber.Messages.Types;
using Reqnroll.Formatters;
using Reqnroll.Formatters.Configuration;
using Reqnroll.Formatters.PubSub;
using Reqnroll.Plugins;
using Reqnroll.UnitTestProvider;

namespace SpaceTestBench.Gherkin.Tests.Compatibility;

/// <summary>
/// A Reqnroll runtime plugin that turns Reqnroll's own Cucumber Messages publisher on for a run and keeps what it
/// publishes, in order, in memory: Reqnroll's formatter pipeline (its <c>CucumberMessagePublisher</c> and trackers,
/// the source of Reqnroll's <c>message</c> and <c>html</c> formatters) with a formatter that collects instead of writing a file.
/// </summary>
internal sealed class ReqnrollMessageCollector : IRuntimePlugin, ICucumberMessageFormatter, IFormattersConfigurationProvider
{
    private readonly List<Envelope> _envelopes = [];

    public IReadOnlyList<Envelope> Envelopes
    {
        get
        {
            lock (_envelopes)
            {
                return [.. _envelopes];
            }
        }
    }

    public string Name => "spacetestbench-collector";

    bool IFormattersConfigurationProvider.Enabled => true;

    public void Initialize(RuntimePluginEvents runtimePluginEvents, RuntimePluginParameters runtimePluginParameters, UnitTestProviderConfiguration unitTestProviderConfiguration) =>
        runtimePluginEvents.RegisterGlobalDependencies += (_, e) =>
        {
            e.ObjectContainer.RegisterInstanceAs<ICucumberMessageFormatter>(this, Name);
            e.ObjectContainer.RegisterInstanceAs<IFormattersConfigurationProvider>(this);
        };

    public void LaunchFormatter(ICucumberMessageBroker broker) => broker.FormatterInitialized(this, enabled: true);

    public Task PublishAsync(Envelope message)
    {
        lock (_envelopes)
        {
            _envelopes.Add(message);
        }

        return Task.CompletedTask;
    }

    // Only this formatter is configured: Reqnroll's message and html formatters find no configuration and stay off.
    IDictionary<string, object>? IFormattersConfigurationProvider.GetFormatterConfigurationByName(string formatterName) =>
        formatterName == Name ? new Dictionary<string, object>() : null;

    string IFormattersConfigurationProvider.ResolveTemplatePlaceholders(string template) => template;
}
