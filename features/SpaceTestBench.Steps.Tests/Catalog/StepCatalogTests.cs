using System.Reflection;
using System.Text;
using Gherkin.CucumberMessages;
using SpaceTestBench.Bench;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Gherkin.Parsing;
using SpaceTestBench.Steps.Bindings;
using SpaceTestBench.Steps.Catalog;
using SpaceTestBench.Steps.Parameters;

namespace SpaceTestBench.Steps.Tests.Catalog;

/// <summary>The step catalog is complete and its examples are true: what docs/steps.md shows can be written in a feature file.</summary>
public sealed class StepCatalogTests
{
    private static readonly StepCatalog Catalog = StepCatalog.Build();

    [Test]
    public void The_step_assemblys_documentation_is_found_so_every_step_has_its_description()
    {
        Assert.That(Catalog.MissingDocumentation, Is.Empty);
        var undescribed = Catalog.Steps.Where(s => s.Description.Length == 0).Select(s => $"{s.MethodName}: {s.Expression}").ToList();
        Assert.That(undescribed, Is.Empty, "steps without a <summary> (the catalog's description of them)");
        Assert.That(Catalog.Areas.Where(a => a.Description.Length == 0).Select(a => a.Binding.Name), Is.Empty, "binding classes without a <summary>");
    }

    [Test]
    public void Every_step_has_at_least_one_example()
    {
        var without = Catalog.Steps.Where(s => s.Examples.Count == 0).Select(s => $"{s.MethodName}: {s.Pattern}").ToList();

        Assert.That(without, Is.Empty, "add a [StepExample(\"Given …\")] to each");
    }

    [Test]
    public void Every_example_belongs_to_a_step_of_its_own_method()
    {
        Assert.That(Catalog.StrayExamples.Select(e => $"{e.Method.DeclaringType?.Name}.{e.Method.Name}: \"{e.Line}\""), Is.Empty,
            "each example must start with Given, When or Then and match one of its method's expressions for that keyword");
    }

    [Test]
    public async Task Every_example_line_matches_its_own_step_and_no_other_and_its_arguments_convert()
    {
        var examples = Catalog.Steps.SelectMany(step => step.Examples.Select(line => (Step: step, Line: line))).ToList();
        var feature = new StringBuilder("Feature: Every example of the step catalog\n");
        for (var i = 0; i < examples.Count; i++)
        {
            feature.Append($"\n  Scenario: {i}\n    {examples[i].Line}\n");
            foreach (var row in examples[i].Step.ExampleTable)
            {
                feature.Append($"      {row}\n");
            }
        }

        var source = FeatureSource.Parse(feature.ToString(), "examples.feature", "examples.feature", new IncrementingIdGenerator());
        await using var runner = new TestRunner(Catalog.Bindings, null, new TestRunnerOptions { DryRun = true });

        var results = await runner.RunAllAsync([source]);

        Assert.That(runner.DryRunsOnReqnroll, Is.True, "matched and converted by Reqnroll's services, as a run would");
        Assert.That(results, Has.Count.EqualTo(examples.Count));
        var wrong = new List<string>();
        foreach (var result in results)
        {
            var (step, line) = examples[int.Parse(result.TestCase.Pickle.Name, System.Globalization.CultureInfo.InvariantCulture)];
            var outcome = result.Steps.Single();
            var matched = outcome.Bindings.Select(b => Catalog.StepOf(b)).ToList();
            if (matched.Count != 1 || matched[0] != step)
            {
                wrong.Add($"\"{line}\" ({step.MethodName}) matches [{string.Join(", ", matched.Select(m => $"{m.MethodName}: {m.Expression}"))}]");
            }
            else if (outcome.Status != TestStatus.Skipped)
            {
                wrong.Add($"\"{line}\" ({step.MethodName}) does not convert: {outcome.Message}");
            }
        }

        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void Every_role_a_step_requires_is_a_role_of_the_bench_vocabulary_and_any_capability_extends_the_roles()
    {
        var declared = typeof(DutSupplySteps).Assembly.GetTypes()
            .SelectMany(t => new MemberInfo[] { t }.Concat(t.GetMethods()))
            .SelectMany(m => m.GetCustomAttributes<RequiresRoleAttribute>(inherit: false).Select(a => (Where: $"{m.DeclaringType?.Name ?? m.Name}.{m.Name}", Attribute: a)))
            .ToList();
        Assert.That(declared, Is.Not.Empty);

        foreach (var (where, attribute) in declared)
        {
            Assert.That(BenchRoles.TryGet(attribute.Role, out var kind), Is.True, $"{where}: '{attribute.Role}' is not a role; roles: {string.Join(", ", BenchRoles.All.Select(r => r.Name))}");
            if (attribute.Capability is { } capability)
            {
                Assert.That(kind.Capability.IsAssignableFrom(capability), Is.True, $"{where}: {capability.Name} is not a kind of {kind.Capability.Name}, the {kind.Name} role's capability");
            }
        }
    }

    [Test]
    public void Every_binding_names_only_defined_parameter_types()
    {
        Assert.That(Catalog.Bindings.UndefinedParameterTypes.Select(u => $"{u.MethodName}: {u.Message}"), Is.Empty);
    }

    [Test]
    public void Every_argument_of_a_named_parameter_type_is_declared_as_the_type_its_transformation_returns()
    {
        // A runtime that picks a transformation by the parameter's type (Reqnroll) must find the one the
        // expression names: {voltage} is a Voltage, {dose} a Dose, never a bare Quantity shared by all kinds.
        var mismatched = new List<string>();
        var quantityKinds = 0;
        foreach (var binding in Catalog.Bindings.Steps)
        {
            if (binding.Expression is not Gherkin.Expressions.CucumberExpression expression)
            {
                continue;
            }

            var parameters = binding.Method.GetParameters();
            for (var i = 0; i < expression.ParameterTypes.Count; i++)
            {
                if (expression.ParameterTypes[i].DefinedBy is not { } transformation)
                {
                    continue;
                }

                quantityKinds += typeof(QuantityArgument).IsAssignableFrom(transformation.ReturnType) ? 1 : 0;
                if (parameters[i].ParameterType != transformation.ReturnType)
                {
                    mismatched.Add($"{binding.MethodName}: {{{expression.ParameterTypes[i].Name}}} is a {transformation.ReturnType.Name}, the parameter '{parameters[i].Name}' a {parameters[i].ParameterType.Name}");
                }
            }
        }

        Assert.That(mismatched, Is.Empty);
        Assert.That(quantityKinds, Is.GreaterThan(50), "the quantity kinds are their own types");
    }

    [Test]
    public void Every_parameter_type_a_step_uses_is_described_with_an_example_and_quantities_with_their_units()
    {
        var used = Catalog.Steps.SelectMany(s => s.Parameters).Select(p => p.Name).Distinct().Order().ToList();
        Assert.That(Catalog.ParameterTypes.Select(p => p.Name).Order(), Is.EqualTo(used));

        foreach (var parameter in Catalog.ParameterTypes)
        {
            Assert.That(parameter.Description, Is.Not.Empty, parameter.Placeholder);
            Assert.That(parameter.Example, Is.Not.Empty, parameter.Placeholder);
            if (parameter.Kind is { } kind)
            {
                Assert.That(parameter.Accepts, Is.EqualTo(kind.Units), parameter.Placeholder);
            }
        }

        Assert.That(Catalog.ParameterTypes.Single(p => p.Name == "fading").Accepts, Is.EqualTo("log-normal, gamma-gamma"), "words of a fixed set are listed");
    }

    [Test]
    public void A_vacuum_step_needs_the_thermal_chamber_as_a_thermal_vacuum_chamber_and_a_class_role_applies_to_every_step()
    {
        var pumpDowns = Catalog.Steps.Where(s => s.Expression.StartsWith("the thermal chamber is pumped down", StringComparison.Ordinal)).ToList();
        var hold = Catalog.Steps.Single(s => s.Expression == "the thermal chamber holds the DUT at {temperature}");
        var freshSample = Catalog.Steps.Single(s => s.Expression == "a fresh sample of the DUT is mounted");

        Assert.That(pumpDowns, Has.Count.EqualTo(2), "the pump-down step and its sourced variant");
        Assert.That(pumpDowns.Select(p => p.Roles), Has.All.EqualTo(new[] { new RoleRequirement(BenchRoles.ThermalChamber, typeof(Instruments.Roles.IThermalVacuumChamber), false) }),
            "the class's plain role and the method's capability are one requirement");
        Assert.That(hold.Roles, Is.EqualTo(new[] { new RoleRequirement(BenchRoles.ThermalChamber, null, false) }));
        Assert.That(freshSample.Roles, Does.Contain(new RoleRequirement(BenchRoles.ThermalChamber, null, true)).And.Contain(new RoleRequirement(BenchRoles.Dut, null, false)));
    }

    [Test]
    public void A_step_bound_to_two_keywords_is_one_step_and_a_typed_table_shows_its_columns()
    {
        var setVoltage = Catalog.Steps.Single(s => s.Expression == "the DUT supply is set to {voltage}");
        var table = Catalog.Steps.Single(s => s.Table is not null);

        Assert.That(setVoltage.Keywords, Is.EqualTo(new[] { Gherkin.StepDefinitionType.Given, Gherkin.StepDefinitionType.When }));
        Assert.That(setVoltage.Parameters.Select(p => p.Kind), Is.EqualTo(new[] { QuantityKinds.Named("voltage") }));
        Assert.That(table.Block, Is.EqualTo(StepArgumentBlock.DataTable));
        Assert.That(table.ExampleTable, Is.EqualTo(new[] { "| LET           | tilt |", "| 37 MeV·cm²/mg | 60°  |" }));
    }

    [Test]
    public void The_nearest_step_to_a_misspelt_one_is_found_and_nothing_is_offered_for_unrelated_text()
    {
        var nearest = Catalog.Nearest("the DUT suply is set to 1.8 V");

        Assert.That(nearest?.Step.Expression, Is.EqualTo("the DUT supply is set to {voltage}"));
        Assert.That(nearest?.Distance, Is.EqualTo(1));
        Assert.That(Catalog.Nearest("the moon is made of green cheese"), Is.Null);
    }
}
