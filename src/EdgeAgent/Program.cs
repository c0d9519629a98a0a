Console.WriteLine("ChargeNet Edge");
