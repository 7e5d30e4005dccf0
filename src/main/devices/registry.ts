/**
 * The kiosk's device modules, in the order their states are listed. Adding a device = its folder (codec, driver,
 * simulator, module) + one line here.
 */
import { idReaderModule } from './idcard/module';
import { printerModule } from './printer/module';
import { scannerModule } from './scanner/module';
import { thermometerModule } from './thermometer/module';

export const DEVICE_MODULES = [idReaderModule, thermometerModule, printerModule, scannerModule] as const;
