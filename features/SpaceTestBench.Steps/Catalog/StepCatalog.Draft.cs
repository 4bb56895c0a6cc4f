using System.Reflection;
using System.Text.RegularExpressions;
using CucumberExpressions;
using Reqnroll.Bindings;

namespace SpaceTestBench.Steps.Catalog;

public sealed partial class StepCatalog
{
    /// <summary>
    /// A catalog step being built: its method, Reqnroll's definitions of one expression of it (one per keyword), the
    /// expression as the <c>Cucumber.CucumberExpressions</c> package reads it, the examples found so far.
    /// </summary>
    private sealed class Draft
    {
        private readonly CucumberExpression? _cucumber;

        public Draft(MethodInfo method, List<IStepDefinitionBinding> definitions, CatalogParameterTypes parameterTypes)
        {
            Method = method;
            Definitions = definitions;
            Expression = definitions[0].SourceExpression;
            if (definitions[0].Expression is CucumberExpression)
            {
                _cucumber = new CucumberExpression(Expression, parameterTypes);
                ParameterTypes = [.. _cucumber.ParameterTypes.Cast<CatalogParameterType>()];
                Regex = _cucumber.Regex;
            }
            else
            {
                ParameterTypes = [];
                Regex = definitions[0].Regex;
            }

            var attributes = method.GetCustomAttributes<Reqnroll.StepDefinitionBaseAttribute>().ToList();
            var index = attributes.FindIndex(a => a.Expression == Expression);
            DeclarationIndex = index < 0 ? int.MaxValue : index;
        }

        public MethodInfo Method { get; }

        public List<IStepDefinitionBinding> Definitions { get; }

        /// <summary>The expression as the binding writes it.</summary>
        public string Expression { get; }

        /// <summary>Its parameter types, in order; none for a regular expression.</summary>
        public IReadOnlyList<CatalogParameterType> ParameterTypes { get; }

        /// <summary>
        /// What it matches: a Cucumber expression as the package compiles it with the transformations' own regexes
        /// (one group per parameter), a regular expression as Reqnroll compiled it.
        /// </summary>
        public Regex Regex { get; }

        /// <summary>How many arguments a match passes the method: a Cucumber expression's parameters, a regular expression's groups.</summary>
        public int Captured => _cucumber is null ? Regex.GetGroupNumbers().Length - 1 : ParameterTypes.Count;

        /// <summary>The position of its attribute among its method's step attributes, for declaration order.</summary>
        public int DeclarationIndex { get; }

        public List<string> Examples { get; } = [];

        public bool Matches(StepDefinitionType keyword, string text) =>
            Definitions.Any(d => d.StepDefinitionType == keyword) && Regex.IsMatch(text);

        /// <summary>What <paramref name="text"/> gives each parameter of a Cucumber expression (none if it does not match).</summary>
        public IEnumerable<(CatalogParameterType Type, string Text)> Arguments(string text)
        {
            var match = Regex.Match(text);
            if (_cucumber is null || !match.Success)
            {
                yield break;
            }

            for (var i = 0; i < ParameterTypes.Count; i++)
            {
                if (match.Groups[i + 1] is { Success: true } group)
                {
                    yield return (ParameterTypes[i], group.Value);
                }
            }
        }
    }
}
