@link @optical-link @CCSDS-141.0-B-1
Feature: Optical inter-satellite link terminal
  The DUT's laser terminal transmits through the link emulator (range delay, Doppler, scintillation,
  pointing jitter) and the optical attenuator back into its own receiver, watched by the bit-error
  tester (CCSDS 141.0-B-1, optical communications physical layer). The emulator applies the link budget
  of the range, Pr = Pt·Gt·Gr·(λ/4πL)²·Lp·Latm with G = (πD/λ)²: the DUT's telescope (DUT profile) at one
  end, the far terminal's at the other (the Examples: a twin terminal between spacecraft, a ground
  station's telescope and the atmosphere's loss on a ground link), so the range sets the received power;
  each scenario records the budget term by term beside the power it predicts and the power metered. The
  waterfall sweeps the attenuator down from below the budget's power. The attenuator's shutter is
  closed when a sample is mounted; the terminal must acquire the link, taking its acquisition time,
  before any bit-error gate. The procedure measures the bit error ratio against received power (the
  waterfall) down to the sensitivity at the target bit error ratio, the acquisition time, the
  tolerance to Doppler, fading and pointing jitter, and the one-way latency over a GEO or LEO range.
  CCSDS 141.0-B-1 defines the physical layer, not these limits: every limit here is the terminal's
  specification (or the DUT profile's datasheet field) and names that source, which the report shows beside
  it. The GEO case is the real GEO–ground range of 40,741 km (135.9 ms one way); acquisition is judged as the
  terminal reports it, with the time from the shutter opening beside it.

  Background:
    Given a fresh sample of the DUT is mounted
    And the DUT is powered at its nominal supply voltages
    And the bit-error tester sends and checks PRBS 31 against a target bit error ratio of 1e-9

  Scenario Outline: Bit error ratio versus received power over a clear <range> link
    Given the link emulator emulates a clear <range> link to a <far aperture> telescope through <atmosphere> of atmospheric loss
    When the optical attenuator opens its shutter on the link budget's received power
    And the bit error ratio is measured from <start> down in <step> steps, gating <gate> per point, until it exceeds <stop> or the power reaches <lowest>
    Then the sensitivity at the target bit error ratio is at most <sensitivity>, a limit from "<source>"

    Examples: GEO to a ground station (40 cm telescope, 3 dB of atmosphere at low elevation)
      | range    | far aperture | atmosphere | start   | step | gate | stop | lowest  | sensitivity | source                                              |
      | 40741 km | 40 cm        | 3 dB       | -42 dBm | 1 dB | 10 s | 1e-4 | -62 dBm | -45 dBm     | the terminal specification (sensitivity at 1e-9)    |

  Scenario Outline: Acquisition from a closed shutter over a <range> link
    Given the link emulator emulates a clear <range> link to a <far aperture> telescope through <atmosphere> of atmospheric loss
    When the optical attenuator opens its shutter on the link budget's received power
    Then the terminal reports acquiring the link within <acquisition>, a limit from "<source>"

    Examples:
      | range    | far aperture | atmosphere | acquisition | source                                                |
      | 40741 km | 40 cm        | 3 dB       | 10 s        | the terminal specification (acquisition at GEO range) |

  Scenario Outline: Doppler shift of <doppler> changing at <doppler rate> over a <range> link
    Given the link emulator emulates a clear <range> link to a <far aperture> telescope through <atmosphere> of atmospheric loss
    And the link emulator adds a Doppler shift of <doppler>
    And the link emulator changes the Doppler shift at <doppler rate>
    When the optical attenuator opens its shutter on the link budget's received power
    Then the terminal reports acquiring the link within <acquisition>, a limit from "<source>"
    And the bit error ratio over a <gate> gate is at most 1e-9, a limit from "<source>"

    Examples: LEO–LEO Doppler, both signs, between twin terminals
      | range   | far aperture | atmosphere | doppler | doppler rate | acquisition | gate | source                     |
      | 5000 km | 10 cm        | 0 dB       | 5 GHz   | -20 MHz/s    | 60 s        | 10 s | the terminal specification |
      | 5000 km | 10 cm        | 0 dB       | -5 GHz  | 20 MHz/s     | 60 s        | 10 s | the terminal specification |

  Scenario Outline: <fading> fading of index <index> and pointing jitter of <jitter>
    Given the link emulator emulates a clear <range> link to a <far aperture> telescope through <atmosphere> of atmospheric loss
    And the link emulator adds <fading> fading of scintillation index <index> with a correlation time of <correlation>
    And the link emulator adds pointing jitter of <jitter> rms around a bias of <bias>
    When the optical attenuator opens its shutter on the link budget's received power
    Then the terminal reports acquiring the link within <acquisition>, a limit from "<source>"
    And the bit error ratio over a <gate> gate is at most 1e-9, a limit from "<source>"

    Examples:
      | range   | far aperture | atmosphere | fading     | index | correlation | jitter | bias   | acquisition | gate | source                     |
      | 5000 km | 10 cm        | 0 dB       | log-normal | 0.1   | 5 ms        | 2 µrad | 1 µrad | 60 s        | 10 s | the terminal specification |

  Scenario Outline: One-way latency over a <range> link at <data rate>
    Given the link emulator emulates a clear <range> link to a <far aperture> telescope through <atmosphere> of atmospheric loss
    When the optical attenuator opens its shutter on the link budget's received power
    Then the terminal reports acquiring the link within <acquisition>, a limit from "<source>"
    And the bit error ratio over a <gate> gate is at most 1e-9, a limit from "<source>"
    And the link carries at least <data rate>, a limit from "<source>"
    And the one-way latency is at most <latency>, a limit from "<latency source>"

    Examples: GEO at its real range (40,741 km, 135.9 ms one way, the 1 Gbps GEO–ground case) and LEO
      | range    | far aperture | atmosphere | acquisition | gate | data rate | latency | source                     | latency source                                                         |
      | 40741 km | 40 cm        | 3 dB       | 60 s        | 10 s | 1 Gbps    | 136 ms  | the terminal specification | the terminal specification: 135.9 ms path at 40,741 km plus processing |
      | 5000 km  | 10 cm        | 0 dB       | 60 s        | 10 s | 1 Gbps    | 17 ms   | the terminal specification | the terminal specification: 16.7 ms path at 5,000 km plus processing   |
