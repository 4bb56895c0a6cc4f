using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Steps.Parameters;

/// <summary>A voltage ("1.8 V"): <c>{voltage}</c> in a step.</summary>
/// <param name="Quantity">The value with its unit.</param>
public sealed record Voltage(Quantity Quantity) : QuantityArgument(Quantity);

/// <summary>A current ("450 mA"): <c>{current}</c> in a step.</summary>
/// <param name="Quantity">The value with its unit.</param>
public sealed record Current(Quantity Quantity) : QuantityArgument(Quantity);

/// <summary>A resistance ("100 mΩ", a fault load): <c>{resistance}</c> in a step.</summary>
/// <param name="Quantity">The value with its unit.</param>
public sealed record Resistance(Quantity Quantity) : QuantityArgument(Quantity);

/// <summary>A power ("2 W"): <c>{power}</c> in a step.</summary>
/// <param name="Quantity">The value with its unit.</param>
public sealed record Power(Quantity Quantity) : QuantityArgument(Quantity);

/// <summary>An optical power level ("-35 dBm"): <c>{power-level}</c> in a step.</summary>
/// <param name="Quantity">The value with its unit.</param>
public sealed record PowerLevel(Quantity Quantity) : QuantityArgument(Quantity);

/// <summary>A temperature ("-55 °C"): <c>{temperature}</c> in a step.</summary>
/// <param name="Quantity">The value with its unit.</param>
public sealed record Temperature(Quantity Quantity) : QuantityArgument(Quantity);

/// <summary>A rate of frequency change ("20 MHz/s", a Doppler rate): <c>{frequency-rate}</c> in a step.</summary>
/// <param name="Quantity">The value with its unit.</param>
public sealed record FrequencyRate(Quantity Quantity) : QuantityArgument(Quantity);

/// <summary>A rate of temperature change ("3 °C/min"): <c>{temperature-rate}</c> in a step.</summary>
/// <param name="Quantity">The value with its unit.</param>
public sealed record TemperatureRate(Quantity Quantity) : QuantityArgument(Quantity);

/// <summary>A duration ("168 h"): <c>{duration}</c> in a step.</summary>
/// <param name="Quantity">The value with its unit.</param>
public sealed record Duration(Quantity Quantity) : QuantityArgument(Quantity);

/// <summary>An absorbed dose in silicon ("100 krad(Si)"): <c>{dose}</c> in a step.</summary>
/// <param name="Quantity">The value with its unit.</param>
public sealed record Dose(Quantity Quantity) : QuantityArgument(Quantity);

/// <summary>A dose rate in silicon ("36 rad(Si)/h"): <c>{dose-rate}</c> in a step.</summary>
/// <param name="Quantity">The value with its unit.</param>
public sealed record DoseRate(Quantity Quantity) : QuantityArgument(Quantity);

/// <summary>A particle fluence ("1e7 ions/cm²"): <c>{fluence}</c> in a step.</summary>
/// <param name="Quantity">The value with its unit.</param>
public sealed record Fluence(Quantity Quantity) : QuantityArgument(Quantity);

/// <summary>A particle flux ("1e4 ions/cm²/s"): <c>{flux}</c> in a step.</summary>
/// <param name="Quantity">The value with its unit.</param>
public sealed record Flux(Quantity Quantity) : QuantityArgument(Quantity);

/// <summary>A linear energy transfer in silicon ("37 MeV·cm²/mg"): <c>{LET}</c> in a step.</summary>
/// <param name="Quantity">The value with its unit.</param>
public sealed record LinearEnergyTransfer(Quantity Quantity) : QuantityArgument(Quantity);

/// <summary>A particle energy ("67 MeV"): <c>{energy}</c> in a step.</summary>
/// <param name="Quantity">The value with its unit.</param>
public sealed record ParticleEnergy(Quantity Quantity) : QuantityArgument(Quantity);

/// <summary>A cross-section per device or per bit ("1e-5 cm²", "1e-8 cm²/bit"): <c>{cross-section}</c> in a step.</summary>
/// <param name="Quantity">The value with its unit.</param>
public sealed record CrossSection(Quantity Quantity) : QuantityArgument(Quantity);

/// <summary>An angle ("60°", "2 µrad"): <c>{angle}</c> in a step.</summary>
/// <param name="Quantity">The value with its unit.</param>
public sealed record Angle(Quantity Quantity) : QuantityArgument(Quantity);

/// <summary>A proportion of a stated reference, with its % or ppm ("95 %"): <c>{percentage}</c> in a step.</summary>
/// <param name="Quantity">The value with its unit.</param>
public sealed record Percentage(Quantity Quantity) : QuantityArgument(Quantity);

/// <summary>A ratio: a plain number, a percentage or decibels ("1e-9", "95 %", "3 dB"): <c>{ratio}</c> in a step.</summary>
/// <param name="Quantity">The value with its unit.</param>
public sealed record Ratio(Quantity Quantity) : QuantityArgument(Quantity);

/// <summary>A data rate ("10 Gbps"): <c>{data-rate}</c> in a step.</summary>
/// <param name="Quantity">The value with its unit.</param>
public sealed record DataRate(Quantity Quantity) : QuantityArgument(Quantity);

/// <summary>A frequency ("10 GHz"): <c>{frequency}</c> in a step.</summary>
/// <param name="Quantity">The value with its unit.</param>
public sealed record Frequency(Quantity Quantity) : QuantityArgument(Quantity);

/// <summary>A distance ("40000 km"): <c>{distance}</c> in a step.</summary>
/// <param name="Quantity">The value with its unit.</param>
public sealed record Distance(Quantity Quantity) : QuantityArgument(Quantity);

/// <summary>A pressure ("1e-4 Torr"): <c>{pressure}</c> in a step.</summary>
/// <param name="Quantity">The value with its unit.</param>
public sealed record Pressure(Quantity Quantity) : QuantityArgument(Quantity);

/// <summary>A rate of voltage change ("10 V/s"): <c>{voltage-rate}</c> in a step.</summary>
/// <param name="Quantity">The value with its unit.</param>
public sealed record VoltageRate(Quantity Quantity) : QuantityArgument(Quantity);
