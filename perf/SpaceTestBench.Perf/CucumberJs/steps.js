const { Given, When, Then } = require('@cucumber/cucumber');
Given('the supply is set to {int} mV', function (millivolts) {});
Given('the chamber is at {int} degrees', function (degrees) {});
When('the device runs for {int} seconds', function (seconds) {});
Then('the current is below {int} mA', function (milliamperes) {});
Then('no error is logged', function () {});
