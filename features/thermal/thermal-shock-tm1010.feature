@thermal @thermal-shock @MIL-STD-883-TM1010
Feature: Temperature cycling by MIL-STD-883 TM 1010: air to air in a two-zone chamber
  The lot is carried between the cold and hot zones of a two-zone (air-to-air) chamber by its basket, cold
  first, for the cycles of the test condition (TM 1010's table: B −55/+125 °C, C −65/+150 °C; 10 cycles for
  screening by TM 5004). TM 1010 judges the load, not the air: a thermocouple on the worst-case load of the
  lot is read throughout. Each transfer is timed from the command until the basket reports itself in the
  other zone (at most 1 min); the load must be at the extreme (at or beyond it) within 15 min of the
  transfer, and dwell there at least 10 min; while dwelling it may exceed the extreme by the tolerance
  (+10/−0 °C hot, −10/+0 °C cold) and no more, nor fall back from it. The zones are held a few kelvin past
  the extremes so that the load gets there: the zone setpoints are the facility's, not the clause's. The
  worst-case load's time constant in the zone air is the lot's characterisation (a heavier load is slower,
  and a load too heavy for the chamber misses the 15 min). End-point electrical measurements are the
  procurement specification's, not this suite's, and so is the lot's size: each sample of the lot is taken fresh
  and identified by its serial. Every number a standards body may change is in the Examples.

  Scenario Outline: Condition <condition>: <cycles> cycles from <cold> to <hot>, air to air
    Given a lot of <lot size> fresh samples of the DUT is taken, each identified by its serial
    And the thermal shock chamber holds its hot zone at <hot zone> and its cold zone at <cold zone>
    And a fresh lot is loaded in the basket of the thermal shock chamber, its worst-case load following the zone air with a time constant of <load time constant>
    When the thermal shock chamber cycles the load <cycles> times between <cold> and <hot>, dwelling <dwell> at each extreme once the load is there
    Then every transfer of the basket took at most <transfer>, a limit from "<transfer source>"
    And the load reached each extreme within <at temperature> of its transfer, a limit from "<at temperature source>"
    And the load dwelt at least <dwell> at each extreme, a limit from "<dwell source>"
    And the load stayed within <hot tolerance> above the hot extreme and <cold tolerance> below the cold extreme while dwelling, a limit from "<tolerance source>"

    Examples: Screening (TM 5004) in a two-zone chamber
      | condition | lot size | cold   | hot    | cycles | hot zone | cold zone | load time constant | transfer | at temperature | dwell  | hot tolerance | cold tolerance | transfer source                    | at temperature source                                   | dwell source                | tolerance source                                       |
      | B         | 5        | -55 °C | 125 °C | 10     | 130 °C   | -60 °C    | 3 min              | 1 min    | 15 min         | 10 min | 10 K          | 10 K           | MIL-STD-883 TM 1010 (transfer time) | MIL-STD-883 TM 1010 (worst-case load at temperature)     | MIL-STD-883 TM 1010 (dwell) | MIL-STD-883 TM 1010 (tolerances +10/−0 and −10/+0 °C) |
      | C         | 5        | -65 °C | 150 °C | 10     | 155 °C   | -70 °C    | 3 min              | 1 min    | 15 min         | 10 min | 10 K          | 10 K           | MIL-STD-883 TM 1010 (transfer time) | MIL-STD-883 TM 1010 (worst-case load at temperature)     | MIL-STD-883 TM 1010 (dwell) | MIL-STD-883 TM 1010 (tolerances +10/−0 and −10/+0 °C) |
