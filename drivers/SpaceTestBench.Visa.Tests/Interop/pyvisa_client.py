"""Drives a SpaceTestBench simulator with PyVISA and the pyvisa-py backend, an independent VISA client.

Usage: pyvisa_client.py RESOURCE [PORTMAPPER_PORT]

PORTMAPPER_PORT, when given, replaces the port pyvisa-py hard-codes for the VXI-11 portmapper (111), so the
test can run without the privilege to bind 111. Prints one JSON object with what the instrument answered.
"""
import hashlib
import json
import sys

import pyvisa

if len(sys.argv) > 2:
    import pyvisa_py.protocols.rpc as rpc

    rpc.PMAP_PORT = int(sys.argv[2])

resource = sys.argv[1]
rm = pyvisa.ResourceManager("@py")
inst = rm.open_resource(resource)
inst.timeout = 20000
inst.read_termination = "\n"
inst.write_termination = "\n"

result = {"backend": str(rm.visalib), "idn": inst.query("*IDN?").strip()}
inst.write("VOLT 2.5")
result["voltage"] = float(inst.query("MEAS:VOLT?"))

block = inst.query_binary_values("DATA?", datatype="B", container=bytes)
result["block_length"] = len(block)
result["block_sha256"] = hashlib.sha256(block).hexdigest()
result["after_block"] = inst.query("*OPC?").strip()

inst.write("BOGUS:CMD 1")
result["error"] = inst.query("SYST:ERR?").strip()
result["error_after"] = inst.query("SYST:ERR?").strip()

inst.close()
rm.close()
print(json.dumps(result))
